import type { FeatureInfo } from './features.js';
import { hash32, Rng } from './prng.js';
import { repoProfile, type Language } from './repo-profiles.js';

/**
 * Test-runner output of roughly a requested size, in the form upstream's `_parse_results` reads
 * (pytest `N passed`/`N failed`, go `--- PASS:`/`--- FAIL:`, jest `Tests: X failed, Y passed`, cargo
 * `test result:`), preceded by the dataset runner's git/apply/install preamble. The counts it returns
 * are the counts its text states, so eval.json agrees with its own output.
 */

export interface TestRun {
  /** pass: every test passes; fail: some fail; timeout: the 600 s sandbox limit; no-patch: nothing to apply. */
  kind: 'pass' | 'fail' | 'timeout' | 'no-patch';
  targetBytes: number;
  /** Which suite (tests1/tests2) and which patch file the runner applies. */
  suite: 1 | 2;
  patchName: string;
}

export interface TestOutput {
  text: string;
  exitCode: number;
  testsPassed: number;
  testsFailed: number;
}

export const TIMEOUT_TEXT = 'Command timed out after 600 seconds';

function baseCommit(repo: string, taskId: number): { sha: string; subject: string } {
  const rng = Rng.derive(hash32(repo), 'base', taskId);
  return { sha: rng.hex(40), subject: rng.pick(['Add setup example for local server', 'Merge branch main', 'Fix typo in docs', 'Bump version', 'Refactor internals']) + ` (#${rng.int(100, 9999)})` };
}

function preamble(rng: Rng, repo: string, taskId: number, run: TestRun, language: Language): string[] {
  const { sha, subject } = baseCommit(repo, taskId);
  const head = `HEAD is now at ${sha.slice(0, 8)} ${subject}`;
  const lines = [head, head, 'Removing .venv/', `Reset to base: ${sha}`, 'Ensuring clean repository state...', head, `Applying feature patch: ${run.patchName}`];
  if (run.kind === 'no-patch') {
    return [`Note: switching to '${sha}'.`, '', "You are in 'detached HEAD' state.", ...lines, 'error: No valid patches in input (allow with "--allow-empty")', 'Feature patch could not be applied.'];
  }
  lines.push('Feature patch applied successfully.', `Applying test patch: tests${run.suite}.patch`, 'Test patch applied successfully.');
  if (language === 'python') {
    lines.push('Setting up Python environment with uv...', 'Installing dependencies...', `Resolved ${rng.int(80, 300)} packages in ${rng.int(200, 900)}ms`, `Installed ${rng.int(20, 80)} packages in ${rng.int(100, 600)}ms`);
    for (const pkg of ['attrs', 'certifi', 'idna', 'jinja2', 'pytest', 'pluggy', 'iniconfig', 'packaging']) lines.push(` + ${pkg}==${rng.int(1, 24)}.${rng.int(0, 12)}.${rng.int(0, 9)}`);
  } else if (language === 'go') {
    lines.push('go: downloading github.com/go-chi/chi/v5 v5.2.1');
  } else if (language === 'typescript') {
    lines.push(`added ${rng.int(600, 1400)} packages, and audited ${rng.int(600, 1400)} packages in ${rng.int(10, 60)}s`);
  } else {
    lines.push(`   Compiling typst-library v0.${rng.int(11, 13)}.0`, `    Finished \`test\` profile [unoptimized + debuginfo] target(s) in ${rng.int(40, 300)}.${rng.int(10, 99)}s`);
  }
  lines.push('Running tests...');
  return lines;
}

function testName(rng: Rng, feature: FeatureInfo, i: number): string {
  return `test_${feature.verb}_${feature.noun}_${rng.pick(['valid', 'invalid', 'roundtrip', 'default', 'edge', 'unicode', 'empty', 'nested'])}_${i}`;
}

/** Per-line cost estimates used to pick a test count that lands near the target size. */
const LINE_BYTES: Record<Language, number> = { python: 105, go: 70, typescript: 70, rust: 80 };
const FAILURE_BYTES = 420;

export function testOutput(rng: Rng, repo: string, taskId: number, feature: FeatureInfo, run: TestRun): TestOutput {
  if (run.kind === 'timeout') return { text: TIMEOUT_TEXT, exitCode: -1, testsPassed: 0, testsFailed: 0 };
  const profile = repoProfile(repo);
  const language = profile.language;
  const lines = preamble(rng, repo, taskId, run, language);
  if (run.kind === 'no-patch') return { text: lines.join('\n'), exitCode: 128, testsPassed: 0, testsFailed: 0 };

  const used = lines.reduce((n, l) => n + l.length + 1, 0);
  const room = Math.max(0, run.targetBytes - used - 400);
  const failed = run.kind === 'fail' ? rng.int(1, Math.max(1, Math.min(12, Math.floor(room / (LINE_BYTES[language] + FAILURE_BYTES)) || 1))) : 0;
  const total = Math.max(failed + (run.kind === 'pass' ? 1 : 0), Math.floor((room - failed * FAILURE_BYTES) / LINE_BYTES[language]));
  const failing = new Set<number>();
  while (failing.size < failed) failing.add(rng.int(0, total - 1));
  const passed = total - failed;
  const testFile = rng.pick(profile.testFiles);
  const seconds = `${rng.int(1, 90)}.${String(rng.int(0, 99)).padStart(2, '0')}`;

  switch (language) {
    case 'python': {
      lines.push('============================= test session starts ==============================', `platform linux -- Python 3.11.15, pytest-8.3.4, pluggy-1.5.0 -- /workspace/repo/.venv/bin/python`, 'rootdir: /workspace/repo', 'configfile: pyproject.toml', `collecting ... collected ${total} items`, '');
      const failures: string[] = [];
      for (let i = 0; i < total; i++) {
        const name = `${testFile}::${testName(rng, feature, i)}[case-${rng.int(0, 999)}]`;
        const pct = String(Math.floor(((i + 1) * 100) / total)).padStart(3, ' ');
        lines.push(`${name} ${failing.has(i) ? 'FAILED' : 'PASSED'} [${pct}%]`);
        if (failing.has(i)) failures.push(name);
      }
      if (failures.length) {
        lines.push('', '=================================== FAILURES ===================================');
        for (const name of failures) {
          const short = name.split('::')[1]!;
          const at = rng.int(10, 900);
          lines.push(`______________________________ ${short} ______________________________`, '', `    def ${short.replace(/\[.*$/, '')}():`, `        result = ${feature.verb}_${feature.noun}("example-${at}", strict=True)`, `>       assert result == "example-${at}"`, `E       AssertionError: assert None == 'example-${at}'`, '', `${testFile}:${at}: AssertionError`);
        }
        lines.push('=========================== short test summary info ============================');
        for (const name of failures) lines.push(`FAILED ${name} - AssertionError`);
      }
      const summary = failed ? `${failed} failed, ${passed} passed in ${seconds}s` : `${passed} passed in ${seconds}s`;
      lines.push(`========================= ${summary} =========================`);
      break;
    }
    case 'go': {
      for (let i = 0; i < total; i++) {
        const name = `Test${feature.verb[0]!.toUpperCase()}${feature.verb.slice(1)}${i}`;
        lines.push(`=== RUN   ${name}`, `--- ${failing.has(i) ? 'FAIL' : 'PASS'}: ${name} (0.0${rng.int(0, 9)}s)`);
        if (failing.has(i)) lines.push(`    ${testFile}:${rng.int(10, 900)}: expected status 200, got 404`);
      }
      lines.push(failed ? 'FAIL' : 'PASS', `${failed ? 'FAIL' : 'ok  '}\tgithub.com/go-chi/chi/v5\t${seconds}s`);
      break;
    }
    case 'typescript': {
      lines.push(`${failed ? 'FAIL' : 'PASS'} ${testFile} (${seconds} s)`);
      for (let i = 0; i < total; i++) lines.push(`  ${failing.has(i) ? '✕' : '✓'} should ${feature.verb} ${feature.noun.replace(/_/g, ' ')} case ${i} (${rng.int(1, 40)} ms)`);
      for (let i = 0; i < failed; i++) lines.push('', `  ● useForm › should ${feature.verb} ${feature.noun} case`, '', '    expect(received).toEqual(expected) // deep equality', '', `      at Object.<anonymous> (${testFile}:${rng.int(10, 900)}:${rng.int(5, 40)})`);
      lines.push(`Test Suites: ${failed ? '1 failed, ' : ''}${failed ? 0 : 1} passed, 1 total`, `Tests:       ${failed ? `${failed} failed, ` : ''}${passed} passed, ${total} total`, `Time:        ${seconds} s`);
      break;
    }
    case 'rust': {
      lines.push(`running ${total} tests`);
      for (let i = 0; i < total; i++) lines.push(`test ${feature.noun}::tests::${testName(rng, feature, i)} ... ${failing.has(i) ? 'FAILED' : 'ok'}`);
      if (failed) lines.push('', 'failures:', `    ${feature.noun}::tests::layout mismatch (${testFile})`);
      lines.push('', `test result: ${failed ? 'FAILED' : 'ok'}. ${passed} passed; ${failed} failed; 0 ignored; 0 measured; 0 filtered out; finished in ${seconds}s`);
      break;
    }
  }
  return { text: lines.join('\n'), exitCode: failed ? 1 : 0, testsPassed: passed, testsFailed: failed };
}

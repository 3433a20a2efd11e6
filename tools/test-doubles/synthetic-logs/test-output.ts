import { camel, type FeatureInfo } from './features.js';
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

const KINDS = ['valid', 'invalid', 'roundtrip', 'default', 'edge', 'unicode', 'empty', 'nested'];

/** A test's name in the runner's own style. */
function testName(rng: Rng, language: Language, feature: FeatureInfo, testFile: string, i: number): string {
  const kind = rng.pick(KINDS);
  switch (language) {
    case 'python':
      return `${testFile}::test_${feature.verb}_${feature.noun}_${kind}_${i}[case-${rng.int(0, 999)}]`;
    case 'go':
      return `Test${camel(feature.verb)}${camel(feature.noun)}${camel(kind)}${i}`;
    case 'typescript':
      return `should ${feature.verb} ${feature.noun.replace(/_/g, ' ')} (${kind}) case ${i}`;
    case 'rust':
      return `${feature.noun}::tests::${feature.verb}_${kind}_${i}`;
  }
}

/** Bytes a test adds to the output beyond its name (status words, timings, go's two lines per test). */
function lineCost(language: Language, name: string): number {
  switch (language) {
    case 'python':
      return name.length + 16;
    case 'go':
      return 2 * name.length + 32;
    case 'typescript':
      return name.length + 14;
    case 'rust':
      return name.length + 14;
  }
}

const FAILURE_BYTES = 420;

export function testOutput(rng: Rng, repo: string, taskId: number, feature: FeatureInfo, run: TestRun): TestOutput {
  if (run.kind === 'timeout') return { text: TIMEOUT_TEXT, exitCode: -1, testsPassed: 0, testsFailed: 0 };
  const profile = repoProfile(repo);
  const language = profile.language;
  const lines = preamble(rng, repo, taskId, run, language);
  if (run.kind === 'no-patch') return { text: lines.join('\n'), exitCode: 128, testsPassed: 0, testsFailed: 0 };

  // Tests are added until the output reaches the requested size; failures (with tracebacks) are budgeted first.
  const testFile = rng.pick(profile.testFiles);
  const used = lines.reduce((n, l) => n + l.length + 1, 0) + 150;
  const failedWanted = run.kind === 'fail' ? rng.int(1, Math.max(1, Math.min(12, Math.floor((run.targetBytes - used) / (FAILURE_BYTES * 4))))) : 0;
  const budget = run.targetBytes - used - failedWanted * FAILURE_BYTES;
  const names: string[] = [];
  for (let size = 0; size < budget || names.length < Math.max(1, failedWanted); ) {
    const name = testName(rng, language, feature, testFile, names.length);
    names.push(name);
    size += lineCost(language, name);
  }
  const total = names.length;
  const failing = new Set<number>();
  while (failing.size < Math.min(failedWanted, total)) failing.add(rng.int(0, total - 1));
  const failed = failing.size;
  const passed = total - failed;
  const seconds = `${rng.int(1, 90)}.${String(rng.int(0, 99)).padStart(2, '0')}`;

  switch (language) {
    case 'python': {
      lines.push('============================= test session starts ==============================', 'platform linux -- Python 3.11.15, pytest-8.3.4, pluggy-1.5.0 -- /workspace/repo/.venv/bin/python', 'rootdir: /workspace/repo', 'configfile: pyproject.toml', `collecting ... collected ${total} items`, '');
      names.forEach((name, i) => lines.push(`${name} ${failing.has(i) ? 'FAILED' : 'PASSED'} [${String(Math.floor(((i + 1) * 100) / total)).padStart(3, ' ')}%]`));
      if (failed) {
        lines.push('', '=================================== FAILURES ===================================');
        for (const i of [...failing].sort((a, b) => a - b)) {
          const short = names[i]!.split('::')[1]!;
          const at = rng.int(10, 900);
          lines.push(`______________________________ ${short} ______________________________`, '', `    def ${short.replace(/\[.*$/, '')}():`, `        result = ${feature.verb}_${feature.noun}("example-${at}", strict=True)`, `>       assert result == "example-${at}"`, `E       AssertionError: assert None == 'example-${at}'`, '', `${testFile}:${at}: AssertionError`);
        }
        lines.push('=========================== short test summary info ============================');
        for (const i of [...failing].sort((a, b) => a - b)) lines.push(`FAILED ${names[i]} - AssertionError`);
      }
      const summary = failed ? `${failed} failed, ${passed} passed in ${seconds}s` : `${passed} passed in ${seconds}s`;
      lines.push(`========================= ${summary} =========================`);
      break;
    }
    case 'go': {
      names.forEach((name, i) => {
        lines.push(`=== RUN   ${name}`, `--- ${failing.has(i) ? 'FAIL' : 'PASS'}: ${name} (0.0${rng.int(0, 9)}s)`);
        if (failing.has(i)) lines.push(`    ${testFile}:${rng.int(10, 900)}: expected status 200, got 404`, ...Array.from({ length: 5 }, () => `        handler chain: ${feature.noun} middleware returned early (request id ${rng.hex(12)})`));
      });
      lines.push(failed ? 'FAIL' : 'PASS', `${failed ? 'FAIL' : 'ok  '}\tgithub.com/go-chi/chi/v5\t${seconds}s`);
      break;
    }
    case 'typescript': {
      lines.push(`${failed ? 'FAIL' : 'PASS'} ${testFile} (${seconds} s)`);
      names.forEach((name, i) => lines.push(`  ${failing.has(i) ? '✕' : '✓'} ${name} (${rng.int(1, 40)} ms)`));
      for (const i of failing) lines.push('', `  ● useForm › ${names[i]}`, '', '    expect(received).toEqual(expected) // deep equality', '', '    - Expected  - 1', '    + Received  + 1', '', `      at Object.<anonymous> (${testFile}:${rng.int(10, 900)}:${rng.int(5, 40)})`);
      lines.push(`Test Suites: ${failed ? '1 failed, ' : ''}${failed ? 0 : 1} passed, 1 total`, `Tests:       ${failed ? `${failed} failed, ` : ''}${passed} passed, ${total} total`, `Time:        ${seconds} s`);
      break;
    }
    case 'rust': {
      lines.push(`running ${total} tests`);
      names.forEach((name, i) => lines.push(`test ${name} ... ${failing.has(i) ? 'FAILED' : 'ok'}`));
      if (failed) {
        lines.push('', 'failures:');
        for (const i of failing) lines.push('', `---- ${names[i]} stdout ----`, `thread '${names[i]}' panicked at ${testFile}:${rng.int(10, 900)}:5:`, 'assertion `left == right` failed: layout mismatch', `  left: Some(${rng.int(1, 99)}.0pt)`, ' right: None');
      }
      lines.push('', `test result: ${failed ? 'FAILED' : 'ok'}. ${passed} passed; ${failed} failed; 0 ignored; 0 measured; 0 filtered out; finished in ${seconds}s`);
      break;
    }
  }
  return { text: lines.join('\n'), exitCode: failed ? 1 : 0, testsPassed: passed, testsFailed: failed };
}

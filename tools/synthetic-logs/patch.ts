import { camel, type FeatureInfo } from './features.js';
import type { Rng } from './prng.js';
import type { Language } from './repo-profiles.js';

/**
 * Unified diffs in `git diff` form with hunk headers whose counts match their bodies (the collector
 * summarises hunks from them). Two agents conflict in git exactly when they edit overlapping lines of
 * the same file, so the pair planner chooses edit sites and this file renders them.
 */

/** One place an agent edits: `removed` old lines replaced by `added` new lines starting at old line `line`. */
export interface EditSite {
  feature: FeatureInfo;
  file: string;
  line: number;
  removed: number;
  added: number;
}

/** Where an edit landed in the new file (what messages cite). */
export interface RenderedSite {
  file: string;
  newStart: number;
  newEnd: number;
}

export interface RenderedPatch {
  text: string;
  /** Lines in the patch text (result.json `patch_lines`). */
  lines: number;
  sites: RenderedSite[];
}

const CONTEXT = 3;

const CONTEXT_LINES: Record<Language, readonly string[]> = {
  python: ['', '    return result', 'from typing import Any, Optional', '    def __repr__(self) -> str:', '        return f"{type(self).__name__}({self.value!r})"', '    if value is None:', '        raise ValueError("value must not be None")', '# Public API', '__all__ = ["Regex", "JsonSchema"]', '    """Return the normalized value."""', '        self._cache = {}', '    @property'],
  go: ['', '\treturn nil', '}', '\tif err != nil {', '\t\treturn err', '\tmx.handler.ServeHTTP(w, r)', '// ServeHTTP is the single method of the http.Handler interface.', '\trctx := RouteContext(r.Context())', 'import (', '\t"net/http"', ')'],
  typescript: ['', '  return result;', '}', "import { useRef } from 'react';", '  if (!field) {', '    return;', '  }', '  const _formState = useRef(formState);', 'export type FieldValues = Record<string, any>;', '  ...props,'],
  rust: ['', '    Ok(())', '}', 'use crate::foundations::{Content, StyleChain};', '    let styles = StyleChain::default();', '        return Ok(None);', '    }', '#[derive(Debug, Clone, PartialEq, Hash)]', 'impl Show for Packed<TextElem> {', '    #[default]'],
};

function codeLines(language: Language, feature: FeatureInfo, count: number, variant: number): string[] {
  const n = feature.noun;
  const v = feature.verb;
  const N = camel(n);
  const V = camel(v);
  const blocks: Record<Language, string[]> = {
    python: [
      `# Feature ${feature.id}: ${v} ${n.replace(/_/g, ' ')} values.`,
      `def ${v}_${n}(value: Any, *, strict: bool = False) -> Optional[str]:`,
      `    """${V} a ${n.replace(/_/g, ' ')} value; returns None when it cannot be ${v}d."""`,
      `    if value is None:`,
      `        return None`,
      `    ${n}_value = str(value).strip()`,
      `    if strict and not _${n}_pattern.fullmatch(${n}_value):`,
      `        raise ValueError(f"invalid ${n}: {${n}_value!r}")`,
      `    return ${n}_value`,
      ``,
      `_${n}_pattern = re.compile(r"^[A-Za-z0-9_.:/-]{1,${64 + variant}}$")`,
    ],
    go: [
      `// ${V}${N} ${v}s the ${n.replace(/_/g, ' ')} of the request (feature ${feature.id}).`,
      `func (mx *Mux) ${V}${N}(w http.ResponseWriter, r *http.Request) error {`,
      `\t${n}, ok := r.Context().Value(${n}CtxKey).(string)`,
      `\tif !ok {`,
      `\t\treturn errMissing${N}`,
      `\t}`,
      `\tw.Header().Set("X-${N}", ${n})`,
      `\treturn nil`,
      `}`,
      ``,
      `var errMissing${N} = errors.New("chi: missing ${n} (${variant})")`,
    ],
    typescript: [
      `// Feature ${feature.id}: ${v} the ${n.replace(/_/g, ' ')} option.`,
      `export function ${v}${N}<T extends FieldValues>(values: T, options?: ${N}Options): boolean {`,
      `  if (!options || options.${n} === undefined) {`,
      `    return false;`,
      `  }`,
      `  const ${n} = options.${n};`,
      `  return Object.keys(values).length > ${variant} && Boolean(${n});`,
      `}`,
      ``,
      `export type ${N}Options = { ${n}?: string | number };`,
    ],
    rust: [
      `/// ${V}s the ${n.replace(/_/g, ' ')} (feature ${feature.id}).`,
      `pub fn ${v}_${n}(&self, styles: StyleChain) -> SourceResult<Option<Abs>> {`,
      `    let ${n} = self.${n}(styles);`,
      `    if ${n}.is_zero() {`,
      `        return Ok(None);`,
      `    }`,
      `    Ok(Some(${n}.at(styles.resolve(TextElem::size)) * ${variant + 1}.0))`,
      `}`,
      ``,
    ],
  };
  const block = blocks[language];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) out.push(block[i % block.length]!);
  return out;
}

function hunkContext(rng: Rng, language: Language, count: number): string[] {
  const pool = CONTEXT_LINES[language];
  return Array.from({ length: count }, () => rng.pick(pool));
}

/**
 * Renders an agent's edits as a patch. Sites in one file must not overlap (the planner spaces them);
 * new-file line numbers shift by the lines earlier hunks added or removed.
 */
export function renderPatch(rng: Rng, language: Language, sites: readonly EditSite[]): RenderedPatch {
  if (sites.length === 0) return { text: '', lines: 0, sites: [] };
  const byFile = new Map<string, EditSite[]>();
  for (const s of sites) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const out: string[] = [];
  const rendered: RenderedSite[] = [];
  for (const [file, fileSites] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`diff --git a/${file} b/${file}`, `index ${rng.hex(8)}..${rng.hex(8)} 100644`, `--- a/${file}`, `+++ b/${file}`);
    let shift = 0;
    for (const site of [...fileSites].sort((a, b) => a.line - b.line)) {
      const before = Math.min(CONTEXT, site.line - 1);
      const oldStart = site.line - before;
      const oldLines = before + site.removed + CONTEXT;
      const newLines = before + site.added + CONTEXT;
      const fn = language === 'python' ? ' class Regex:' : language === 'go' ? ' func (mx *Mux) handle(' : language === 'rust' ? ' impl TextElem {' : ' export function useForm<';
      out.push(`@@ -${oldStart},${oldLines} +${oldStart + shift},${newLines} @@${fn}`);
      for (const l of hunkContext(rng, language, before)) out.push(` ${l}`);
      for (const l of hunkContext(rng, language, site.removed)) out.push(`-${l}`);
      for (const l of codeLines(language, site.feature, site.added, site.line % 7)) out.push(`+${l}`);
      for (const l of hunkContext(rng, language, CONTEXT)) out.push(` ${l}`);
      rendered.push({ file, newStart: site.line + shift, newEnd: site.line + shift + Math.max(site.added, 1) - 1 });
      shift += site.added - site.removed;
    }
  }
  return { text: `${out.join('\n')}\n`, lines: out.length, sites: rendered };
}

/** Test-file section some agents add; upstream's eval filters these out before applying. */
export function testFileSite(rng: Rng, feature: FeatureInfo, testFile: string): EditSite {
  return { feature, file: testFile, line: rng.int(20, 400), removed: 0, added: rng.int(6, 20) };
}

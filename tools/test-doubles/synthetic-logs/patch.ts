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

function codeBlock(language: Language, feature: FeatureInfo, name: string, variant: number): string[] {
  const n = feature.noun;
  const words = n.replace(/_/g, ' ');
  const N = camel(name);
  const V = camel(feature.verb);
  switch (language) {
    case 'python':
      return [
        `# Feature ${feature.id}: ${feature.verb} ${words} values.`,
        `def ${feature.verb}_${name}(value: Any, *, strict: bool = False) -> Optional[str]:`,
        `    """${V} a ${words} value; returns None when it cannot be handled."""`,
        `    if value is None:`,
        `        return None`,
        `    ${n}_value = str(value).strip()`,
        `    if strict and not _${name}_pattern.fullmatch(${n}_value):`,
        `        raise ValueError(f"invalid ${n}: {${n}_value!r}")`,
        `    return ${n}_value`,
        ``,
        `_${name}_pattern = re.compile(r"^[A-Za-z0-9_.:/-]{1,${64 + variant}}$")`,
        ``,
      ];
    case 'go':
      return [
        `// ${V}${N} ${feature.verb}s the ${words} of the request (feature ${feature.id}).`,
        `func (mx *Mux) ${V}${N}(w http.ResponseWriter, r *http.Request) error {`,
        `	v, ok := r.Context().Value(${name}CtxKey).(string)`,
        `	if !ok {`,
        `		return errMissing${N}`,
        `	}`,
        `	w.Header().Set("X-${N}", v)`,
        `	return nil`,
        `}`,
        ``,
        `var errMissing${N} = errors.New("chi: missing ${words} (${variant})")`,
        ``,
      ];
    case 'typescript':
      return [
        `// Feature ${feature.id}: ${feature.verb} the ${words} option.`,
        `export function ${feature.verb}${N}<T extends FieldValues>(values: T, options?: ${N}Options): boolean {`,
        `  if (!options || options.${n} === undefined) {`,
        `    return false;`,
        `  }`,
        `  const ${n} = options.${n};`,
        `  return Object.keys(values).length > ${variant} && Boolean(${n});`,
        `}`,
        ``,
        `export type ${N}Options = { ${n}?: string | number };`,
        ``,
      ];
    case 'rust':
      return [
        `/// ${V}s the ${words} (feature ${feature.id}).`,
        `pub fn ${feature.verb}_${name}(&self, styles: StyleChain) -> SourceResult<Option<Abs>> {`,
        `    let ${n} = self.${n}(styles);`,
        `    if ${n}.is_zero() {`,
        `        return Ok(None);`,
        `    }`,
        `    Ok(Some(${n}.at(styles.resolve(TextElem::size)) * ${variant + 1}.0))`,
        `}`,
        ``,
      ];
  }
}

const SUFFIXES = ['', '_strict', '_cached', '_batch', '_lenient', '_default'];

/** Added lines: consecutive helper definitions for the feature, each with its own name. */
function codeLines(language: Language, feature: FeatureInfo, count: number, variant: number): string[] {
  const out: string[] = [];
  for (let k = 0; out.length < count; k++) {
    const name = `${feature.noun}${SUFFIXES[k % SUFFIXES.length]}${k >= SUFFIXES.length ? `_${k}` : ''}`;
    out.push(...codeBlock(language, feature, name, variant));
  }
  return out.slice(0, count);
}

/** Existing lines around an edit: a run of consecutive lines from the language's pool. */
function hunkContext(rng: Rng, language: Language, count: number): string[] {
  const pool = CONTEXT_LINES[language];
  const start = rng.int(0, pool.length - 1);
  return Array.from({ length: count }, (_, i) => pool[(start + i) % pool.length]!);
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

import { FENCED, proseOf, sentences, stripSelfPrefix } from '@cooperbench-repro/contracts';
import type { Transcript, TranscriptMessage } from '../transcript.js';

/**
 * Text features every detector needs, computed once per message and cached per transcript (the
 * detectors share one analysis, so 15k conversations tokenise each message once).
 */

/**
 * The self-prefix, prose and sentences are the shared transcript view's (@cooperbench-repro/contracts,
 * transcript-view.ts), so a message reads the same here as in the speech-act classifier.
 */
export function sentencesOf(prose: string): string[] {
  return sentences(prose).map((s) => s.text);
}

/** A diff or code the partner could check: a fenced block, unified-diff lines, or two or more code lines. */
export function hasCodeEvidence(text: string): boolean {
  if (/```|~~~/.test(text)) return true;
  const lines = text.split('\n');
  let code = 0;
  for (const l of lines) if (/^(?:@@ |[+-](?![+-]\s)\S.*|\s{4,}\S)/.test(l)) code++;
  return code >= 2;
}

// -------------------------------------------------------------------------------------------------
// Locators: line mentions, file paths, code symbols.
// -------------------------------------------------------------------------------------------------

/** File extensions that make a bare name ("core.py") a file path. */
const EXT = 'py|pyi|js|mjs|cjs|ts|tsx|jsx|go|rs|java|kt|swift|c|h|cc|cpp|hpp|cs|rb|php|md|rst|json|yaml|yml|toml|cfg|ini|txt|html|css|sh|sql|lock|mod|proto';
/** A whole token that is a file path: with a directory and an extension, or a bare name with one. */
const PATH_TOKEN = new RegExp(String.raw`^(?:\.{1,2}/|/)?(?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:${EXT})$`);
/** Characters that end a candidate token: white space, brackets, quotes, list punctuation. */
const DELIMITER = new Set([...' \t\n\r()[]{},;\'"`<>|*']);

/** Tokens holding a dot (only those can be paths or URLs), found from the dots outwards: linear. */
function dottedTokens(text: string): { token: string; at: number }[] {
  const out: { token: string; at: number }[] = [];
  let dot = text.indexOf('.');
  while (dot >= 0) {
    let a = dot;
    while (a > 0 && !DELIMITER.has(text[a - 1]!)) a--;
    let b = dot + 1;
    while (b < text.length && !DELIMITER.has(text[b]!)) b++;
    out.push({ token: text.slice(a, b), at: a });
    dot = text.indexOf('.', b);
  }
  return out;
}
const URL_TOKEN = /^[a-z]+:\/\//i;

/** The path in a token ("core.py:123," -> "core.py"), or null; URLs are not paths. */
function pathOfToken(token: string): string | null {
  if (token.indexOf('.') < 0 || URL_TOKEN.test(token)) return null;
  const t = token.replace(/(?::\d+(?:[-–]\d+)?)?[.:!?]*$/, '');
  return PATH_TOKEN.test(t) ? t : null;
}

export interface PathSpan {
  path: string;
  at: number;
  end: number;
}

/** File paths in a text with their offsets: "src/click/core.py", "core.py", "./a/b.ts" (token by token: fast). */
export function pathSpans(text: string): PathSpan[] {
  const out: PathSpan[] = [];
  for (const { token, at } of dottedTokens(text)) {
    const path = pathOfToken(token);
    if (path !== null) out.push({ path, at, end: at + path.length });
  }
  return out;
}

export function pathsIn(text: string): string[] {
  return pathSpans(text).map((p) => p.path);
}

/** The text with file paths and URLs blanked out (their dots and slashes are not code symbols). */
export function maskPaths(text: string): string {
  if (text.indexOf('.') < 0) return text;
  let out = '';
  let from = 0;
  for (const { token, at } of dottedTokens(text)) {
    if (!URL_TOKEN.test(token) && pathOfToken(token) === null) continue;
    out += `${text.slice(from, at)} `;
    from = at + token.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

export interface LineRef {
  /** First and last cited line (equal for a single line). */
  from: number;
  to: number;
  /** Offset in the message text. */
  at: number;
  /** The matched text, e.g. "lines ~72-77". */
  raw: string;
}

/**
 * Line-number mentions: "line 12", "lines 10-20", "lines ~1181-1210", "line ~350", "L42", "L10-L20",
 * "~L354-370", and "core.py:123". Approximate markers (~, around, about) are allowed before the number.
 */
const LINE_REF =
  /\blines?\s*(?:no\.?\s*|number\s*|#\s*|~\s*|around\s+|about\s+|approx\.?\s*)?(\d{1,6})(?:\s*(?:-|–|to|through)\s*~?(\d{1,6}))?|(?<![\w/])~?#?L(\d{1,6})(?:\s*[-–]\s*L?(\d{1,6}))?\b|(?<=\.[A-Za-z][A-Za-z0-9]{0,7}):(\d{1,6})(?:[-–](\d{1,6}))?\b/gi;

export function lineRefsIn(text: string): LineRef[] {
  const out: LineRef[] = [];
  LINE_REF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE_REF.exec(text)) !== null) {
    const a = Number(m[1] ?? m[3] ?? m[5]);
    const bRaw = m[2] ?? m[4] ?? m[6];
    const b = bRaw === undefined ? a : Number(bRaw);
    if (!Number.isFinite(a) || a <= 0) continue;
    out.push({ from: Math.min(a, b), to: Math.max(a, b), at: m.index, raw: m[0] });
  }
  return out;
}

/** Identifier followed by a parameter list: `foo(a, b)`, `Editor.edit_file(filename)`, `encode()`. */
export const SIGNATURE = /\b[A-Za-z_][\w.]*\((?:[^()\n]{0,200})\)/;

const CODE_WORDS = new Set([
  'self', 'none', 'true', 'false', 'null', 'return', 'import', 'from', 'class', 'def', 'func', 'async', 'await', 'const', 'this',
  'init', 'args', 'kwargs', 'param', 'params', 'str', 'int', 'bool', 'list', 'dict', 'optional', 'string', 'number', 'object',
  'patch', 'diff', 'todo', 'feat', 'chore', 'refactor', 'docs', 'code', 'main', 'test', 'tests', 'file', 'files', 'type', 'types', 'value', 'values',
]);

/**
 * Code symbols named in a text (the claim-collision index of docs §5): backticked identifiers, calls
 * (`foo(`), dotted names (`Editor.edit_file` -> `edit_file`), snake_case and camelCase/PascalCase-with-
 * an-inner-capital words, and quoted identifiers ('reverse'). Dropped: dunders, names of 3 characters or
 * fewer, common keywords, file names. Case is kept: code is case-sensitive.
 */
export function symbolsIn(text: string, pathsMasked = false): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    for (const part of raw.split('.')) {
      const name = part.trim();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      if (name.length <= 3 || /^__\w+__$/.test(name) || CODE_WORDS.has(name.toLowerCase())) continue;
      found.add(name);
    }
  };
  const noPaths = pathsMasked ? text : maskPaths(text);
  // One pass: backticked spans, quoted identifiers, then identifiers (dotted, maybe a call).
  for (const m of noPaths.matchAll(SYMBOL_TOKEN)) {
    if (m[1] !== undefined) for (const id of m[1].match(/[A-Za-z_][\w.]*/g) ?? []) add(id);
    else if (m[2] !== undefined) add(m[2]);
    else {
      const id = m[3]!;
      if (id.length > 3 && (m[4] || CODE_LIKE.test(id))) add(id);
    }
  }
  return [...found];
}
const SYMBOL_TOKEN = /`([^`\n]+)`|['"]([A-Za-z_][\w.]*)['"]|\b([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(\()?/g;
/** Does a word look like code (dotted, snake_case, camelCase, PascalCase with an inner capital)? */
const CODE_LIKE = /[._]|^[a-z]+[A-Z]|^[A-Z][a-z0-9]+[A-Z]/;

// -------------------------------------------------------------------------------------------------
// Words, keywords, trigrams.
// -------------------------------------------------------------------------------------------------

/**
 * Words that carry no topic: English function words, wh-words, and the boilerplate of coordination
 * messages ("please ensure our changes do not conflict"), which every message of these transcripts has.
 */
const STOP = new Set(
  (
    'the a an and or but if then else of to in on at by for with from into onto as is are was were be been being am do does did done ' +
    'have has had having it its this that these those there here what which who whom whose where when why how not no nor so too very ' +
    'can could would should will shall may might must i me my mine we us our ours you your yours he she they them their theirs his her ' +
    'let lets know please also just any some all each both other others more most such only own same than via per about above after before ' +
    'again once while until because over under between through during out off up down now still yet already ok okay yes yeah sure thanks thank ' +
    'hi hey agent agent1 agent2 agent3 ll ve re don doesn didn won isn aren wasn haven hasn hadn couldn shouldn wouldn ' +
    'file files change changes changed changing modify modifying modified modification modifications edit edits editing edited ' +
    'conflict conflicts conflicting avoid avoiding ensure ensuring make making made work works working worked coordinate coordinating ' +
    'proceed proceeding feature features implement implementing implemented implementation add adding added update updating updated ' +
    'need needs needed want wants like think go going get got see saw seems seem look looks fine good great well way part parts side ' +
    'new code plan task done complete completed finish finished merge merged merging clean cleanly touch touching touched'
  ).split(/\s+/),
);

/** Crude suffix stripping so that "confirmed"/"confirm" and "works"/"work" meet. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('ied')) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && word.length > 5 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Keywords of a text: content words of 3+ characters (stemmed, stop words dropped), file base names
 * ("src/click/core.py" -> "core.py", so it meets "core.py"), and code symbols lower-cased. Words are
 * taken from the text with paths and symbols removed, so "make_context" is one keyword, not three.
 */
export function keywordsOf(text: string, known?: { paths: readonly string[]; symbols: readonly string[]; masked: string }): Set<string> {
  const out = new Set<string>();
  const masked = known?.masked ?? maskPaths(text);
  for (const p of known?.paths ?? pathsIn(text)) out.add(p.split('/').pop()!.toLowerCase());
  for (const s of known?.symbols ?? symbolsIn(masked, true)) out.add(s.toLowerCase());
  // Plain words only: code-like tokens were taken whole above.
  for (const raw of masked.split(/[^A-Za-z0-9_.]+/)) {
    const token = raw.replace(/\.+$/, '');
    if (token.length < 3 || CODE_LIKE.test(token)) continue;
    const w = token.toLowerCase();
    if (STOP.has(w) || !/^[a-z][a-z0-9]+$/.test(w)) continue;
    const st = stem(w);
    if (!STOP.has(st)) out.add(st);
  }
  return out;
}

/** Keywords that are code-like (a path or a symbol): sharing one of those is a specific reference. */
export function isCodeKeyword(k: string): boolean {
  return /[_./]|\d/.test(k);
}

/**
 * Lower-cased whitespace-split word trigrams (the earlier implementation's unit), hashed: each word
 * to 32-bit FNV-1a in one pass over the characters, a trigram to a number from its three hashes
 * (16+16+20 bits of the three hashes: 52-bit keys, collisions negligible within one agent's messages).
 */
export function wordTrigrams(text: string): { words: number; trigrams: Set<number> } {
  const lower = text.toLowerCase();
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      if (inWord) hashes.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    } else {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    }
  }
  const trigrams = new Set<number>();
  for (let i = 0; i + 2 < hashes.length; i++) trigrams.add(((hashes[i]! & 0xffff) * 0x10000 + (hashes[i + 1]! & 0xffff)) * 0x100000 + (hashes[i + 2]! & 0xfffff));
  return { words: hashes.length, trigrams };
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** At most `max` characters of a text on one line, for evidence quotes. */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// -------------------------------------------------------------------------------------------------
// Per-message analysis, cached per transcript.
// -------------------------------------------------------------------------------------------------

/** One message's features; each computed on first use, so a detector pays only for what it reads. */
export class MessageAnalysis {
  /** Text without the self-prefix. */
  readonly body: string;
  private cached: {
    prose?: string;
    sentences?: string[];
    shingles?: { words: number; trigrams: Set<number> };
    keywords?: Set<string>;
    symbols?: string[];
    paths?: string[];
    lineRefs?: LineRef[];
    codeSentences?: string[];
    masked?: string;
    memo?: Map<string, unknown>;
  } = {};

  constructor(readonly message: TranscriptMessage) {
    this.body = stripSelfPrefix(message.text);
  }
  get prose(): string {
    return (this.cached.prose ??= proseOf(this.message.text));
  }
  get sentences(): string[] {
    return (this.cached.sentences ??= sentencesOf(this.prose));
  }
  /** Number of whitespace-separated words. */
  get wordCount(): number {
    return (this.cached.shingles ??= wordTrigrams(this.body)).words;
  }
  get trigrams(): Set<number> {
    return (this.cached.shingles ??= wordTrigrams(this.body)).trigrams;
  }
  /** The body with file paths and URLs blanked out. */
  get masked(): string {
    return (this.cached.masked ??= maskPaths(this.body));
  }
  get symbols(): string[] {
    return (this.cached.symbols ??= symbolsIn(this.masked, true));
  }
  get paths(): string[] {
    return (this.cached.paths ??= pathsIn(this.body));
  }
  get keywords(): Set<string> {
    return (this.cached.keywords ??= keywordsOf(this.body, { paths: this.paths, symbols: this.symbols, masked: this.masked }));
  }
  /** Sentences of the body with inline code kept (symbols live in backticks), fenced blocks removed. */
  get codeSentences(): string[] {
    return (this.cached.codeSentences ??= sentencesOf(this.body.replace(FENCED, '\n')));
  }
  /** A detector's own per-message result, computed once per message (e.g. claimed symbols). */
  memo<T>(key: string, compute: (a: MessageAnalysis) => T): T {
    const memo = (this.cached.memo ??= new Map());
    if (!memo.has(key)) memo.set(key, compute(this));
    return memo.get(key) as T;
  }
  get lineRefs(): LineRef[] {
    return (this.cached.lineRefs ??= /line|L\d|:\d/i.test(this.body) ? lineRefsIn(this.body) : []);
  }
}

const cache = new WeakMap<Transcript, MessageAnalysis[]>();

/** The messages' analyses, shared by every detector that runs on the same transcript object. */
export function analyse(t: Transcript): MessageAnalysis[] {
  let out = cache.get(t);
  if (out) return out;
  out = t.messages.map((m) => new MessageAnalysis(m));
  cache.set(t, out);
  return out;
}

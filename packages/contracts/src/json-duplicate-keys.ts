import { visit } from 'jsonc-parser';

/**
 * JSON.parse keeps the last of two equal keys in one object without a word: `{"passed": false,
 * "passed": true}` reads as a pass. Every JSON file a stage reads goes through this check, so such a
 * file is an error naming the key instead of a silent choice. Uses Microsoft's jsonc-parser scanner
 * (the one VS Code uses) on text that JSON.parse already accepted.
 */

export interface DuplicateKey {
  /** Path of the object holding the key (empty at the top level). */
  object: (string | number)[];
  key: string;
}

/**
 * `parsed`: what JSON.parse made of `text`. When given, a fast count decides first: every ':' outside a
 * string separates one member, and JSON.parse keeps one property per distinct key, so the counts are
 * equal exactly when no object repeats a key. jsonc-parser's scanner (a JavaScript loop over every
 * character, ~10x JSON.parse on logs with long strings) then only runs to name the duplicates.
 */
export function duplicateJsonKeys(text: string, parsed?: unknown): DuplicateKey[] {
  if (parsed !== undefined && membersInText(text) === membersInValue(parsed)) return [];
  const found: DuplicateKey[] = [];
  const open: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, _line, _char, pathSupplier) => {
      const keys = open[open.length - 1]!;
      if (keys.has(key)) found.push({ object: pathSupplier(), key });
      keys.add(key);
    },
  });
  return found;
}

/** Key-value separators in valid JSON text: ':' outside strings. Strings are skipped with indexOf, not char by char. */
function membersInText(text: string): number {
  let members = 0;
  let colon = text.indexOf(':');
  let at = 0;
  while (colon !== -1) {
    const quote = text.indexOf('"', at);
    const segmentEnd = quote === -1 ? text.length : quote;
    while (colon !== -1 && colon < segmentEnd) {
      members++;
      colon = text.indexOf(':', colon + 1);
    }
    if (quote === -1) break;
    at = stringEnd(text, quote) + 1;
    if (colon !== -1 && colon < at) colon = text.indexOf(':', at); // that ':' was inside the string
  }
  return members;
}

/** Index of the quote closing the string that opens at `open` (a quote preceded by an even run of backslashes). */
function stringEnd(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) return text.length; // not valid JSON; JSON.parse has already refused such text
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close;
    from = close + 1;
  }
}

/** Properties of every object in a parsed value, walked with an explicit stack (hostile nesting depth cannot overflow it). */
function membersInValue(value: unknown): number {
  let members = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else {
      const keys = Object.keys(v);
      members += keys.length;
      for (const key of keys) stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return members;
}

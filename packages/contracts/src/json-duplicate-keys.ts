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

export function duplicateJsonKeys(text: string): DuplicateKey[] {
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

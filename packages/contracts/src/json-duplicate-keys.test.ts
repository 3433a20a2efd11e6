import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys } from './json-duplicate-keys.js';

/** The fast count (text + parsed value) against the full scan (text alone), which names the keys. */
const both = (text: string) => ({ fast: duplicateJsonKeys(text, JSON.parse(text)), scan: duplicateJsonKeys(text) });

describe('duplicate JSON keys: the fast member count agrees with the full scan', () => {
  it.each([
    ['no objects', '[1, "a:b", true, null]'],
    ['colons and quotes inside strings', '{"a:b": "x\\":y", "c": "\\\\", "d": ":", "e\\"": {"f": "::"}}'],
    ['a string ending in escaped backslashes', '{"a": "\\\\\\\\", "b": 1}'],
    ['unicode and whitespace', '{ "ä" :\n "ü:ö" , "b" : [ { "c" : 1 } ] }'],
    ['equal keys in different objects', '{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}'],
  ])('%s: no duplicates', (_name, text) => {
    expect(both(text)).toEqual({ fast: [], scan: [] });
  });

  it.each([
    ['top level', '{"passed": false, "passed": true}', [{ object: [], key: 'passed' }]],
    ['nested in an array', '{"m": [{"x": 1}, {"y": 1, "y": 2}]}', [{ object: ['m', 1], key: 'y' }]],
    ['after a string holding a colon', '{"a": "k:v", "b": 1, "b": 2}', [{ object: [], key: 'b' }]],
    ['__proto__ twice', '{"__proto__": 1, "__proto__": 2}', [{ object: [], key: '__proto__' }]],
    ['an escaped key equal to a plain one', '{"a": 1, "\\u0061": 2}', [{ object: [], key: 'a' }]],
  ])('%s: named', (_name, text, expected) => {
    const { fast, scan } = both(text);
    expect(fast).toEqual(expected);
    expect(scan).toEqual(expected);
  });

  it('agrees with the full scan on generated documents with and without an injected duplicate', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['a', 'b', ':', '"', '\\', '{', '}', ',', ' '];
    const word = () => Array.from({ length: Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return word();
      if (r < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [word(), value(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const text = JSON.stringify({ doc: value(0) });
      expect(both(text).fast).toEqual([]);
      expect(both(text).scan).toEqual([]);
      const key = JSON.stringify(word());
      const duplicated = `{${key}: 1, ${key}: ${text}}`;
      expect(both(duplicated).fast).toEqual(both(duplicated).scan);
      expect(both(duplicated).fast).toHaveLength(1);
    }
  });

  it('walks a deeply nested document without overflowing the stack', () => {
    const depth = 50_000;
    const text = `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
    expect(duplicateJsonKeys(text, JSON.parse(text))).toEqual([]);
  });
});

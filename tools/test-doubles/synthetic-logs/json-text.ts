/**
 * JSON text as Python's `json.dump(obj, f, indent=2)` writes it: two-space indent and non-ASCII
 * escaped as \uXXXX (ensure_ascii), so generated files have the same byte shape as upstream's.
 */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

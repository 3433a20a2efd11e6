/**
 * `str(Path(p))` as Python prints it: `.` segments and repeated or trailing slashes dropped, `..` kept,
 * `''` -> `.`. Upstream's messages and result.json's `log_dir` use this form of the paths it was given.
 */
export function pythonPath(...segments: string[]): string {
  const joined = segments.reduce((acc, s) => (s.startsWith('/') || acc === '' ? s : `${acc}/${s}`), '');
  const absolute = joined.startsWith('/');
  const parts = joined.split('/').filter((p) => p !== '' && p !== '.');
  const body = parts.join('/');
  return absolute ? `/${body}` : body || '.';
}

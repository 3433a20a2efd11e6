/**
 * The one HTML page. The Content-Security-Policy allows scripts and styles from the report's own
 * files only and no connection at all, so nothing can be fetched even if a string slipped into the
 * DOM as HTML (the client never does that: agent text is set with textContent). vega compiles its
 * expressions with Function(), hence 'unsafe-eval'; vega-embed injects its own <style>, hence
 * 'unsafe-inline' for styles only.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "font-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export function pageHtml(p: { styles: string[]; scripts: string[]; data: string[]; start: string }): string {
  const tag = (src: string) => `<script src="${src}"></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cooperbench-repro report</title>
${p.styles.map((s) => `<link rel="stylesheet" href="${s}">`).join('\n')}
</head>
<body>
<header id="banner"></header>
<nav id="nav"><a href="#overview">Overview</a> <a href="#runs">Runs</a></nav>
<main id="main"><p id="loading">Loading…</p></main>
${p.scripts.map(tag).join('\n')}
${p.data.map(tag).join('\n')}
${tag(p.start)}
</body>
</html>
`;
}

import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';

/**
 * A whole HTML page as the app serves it: English, phone-friendly, never indexed, no favicon
 * request, and one inline style (allowed by its hash in the page's Content-Security-Policy).
 */
export function htmlDocument(title: string, style: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** A CSP source allowing exactly this inline style or script: `'sha256-…'`. */
export function sha256Source(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

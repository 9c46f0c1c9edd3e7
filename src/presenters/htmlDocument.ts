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

/** What a page may do besides showing itself; everything not named here is refused. */
export interface PagePermissions {
  /** Its one inline style. */
  style: string;
  /** Its one inline script, if it has one. */
  script?: string;
  /** The script may call this origin (the join page polls its own status). */
  fetchesFromHere?: boolean;
  /** Images from this origin and data: URLs. */
  imagesFromHere?: boolean;
  /** Its forms may post to this origin only; without this, nowhere. */
  formsPostHere?: boolean;
}

/**
 * The page's Content-Security-Policy: nothing loads or runs but its own style and script, allowed
 * by their SHA-256 hashes, so the policy is the same for every response and no injected markup
 * could ever run; it cannot be framed.
 */
export function pageContentSecurityPolicy(page: PagePermissions): string {
  return [
    "default-src 'none'",
    `style-src ${sha256Source(page.style)}`,
    ...(page.script ? [`script-src ${sha256Source(page.script)}`] : []),
    ...(page.fetchesFromHere ? ["connect-src 'self'"] : []),
    ...(page.imagesFromHere ? ["img-src 'self' data:"] : []),
    "base-uri 'none'",
    page.formsPostHere ? "form-action 'self'" : "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

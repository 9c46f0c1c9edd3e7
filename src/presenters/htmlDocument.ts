import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';

/**
 * A whole HTML page as the app serves it: English, phone-friendly, never indexed, no favicon
 * request, and one inline style (allowed by its hash in the page's Content-Security-Policy).
 * `extraHead` is trusted markup for the head (a page's own `<meta http-equiv="refresh">`).
 */
export function htmlDocument(title: string, style: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
${extraHead}<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * The look the candidate's and the installer's pages share (join page, booking page, install
 * pages): a white card on grey, a small grey line above the title. Each page adds its own rules.
 */
export const CARD_PAGE_STYLE = `
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f6f6f7;margin:0;padding:32px 16px;line-height:1.5}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.eyebrow{color:#616061;margin:0}
h1{font-size:1.6rem;margin:.25rem 0 1.25rem}
`;

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

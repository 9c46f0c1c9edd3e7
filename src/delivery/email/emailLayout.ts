import escapeHtml from 'escape-html';

/** What every email this app sends is made of: a greeting, a sentence, a table of details and one link. */
export interface EmailContent {
  title: string;
  greeting: string;
  opening: string;
  rows: Array<[label: string, value: string]>;
  buttonLabel: string;
  link: string;
}

/**
 * The HTML part. A real data table, each label a row header, so a screen reader says "When: …"
 * for each value; inline styles rather than classes or align attributes, because mail clients
 * drop the rest. The link is both the button and written out, for clients that hide buttons.
 */
export function renderEmailHtml(content: EmailContent): string {
  const link = escapeHtml(content.link);
  const rowHtml = content.rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;font-weight:600;padding:4px 16px 4px 0;color:#555">${escapeHtml(label)}</th><td style="text-align:left;vertical-align:top;padding:4px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.title)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(content.greeting)}</p>
<p>${escapeHtml(content.opening)}</p>
<table aria-label="Interview details" style="border-collapse:collapse;margin:16px 0"><tbody>${rowHtml}</tbody></table>
<p style="margin:24px 0"><a href="${link}" style="background:#2b6cb0;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.buttonLabel)}</a></p>
<p style="font-size:14px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${link}">${link}</a></p>
</body></html>`;
}

import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { Interview } from '../db/entities/Interview';
import type { JoinPageState } from '../domain/joinWindow';
import { describeInterviewersForCandidate } from './interviewers';
import { describeDuration, formatTimeInZone } from './interviewTime';

export interface JoinPageView {
  interview: Interview;
  state: JoinPageState;
  opensAt: Date;
}

const HEADLINES: Record<Exclude<JoinPageState, 'expired'>, string> = {
  not_open_yet: 'Your interview is coming up',
  open: 'Your interview is open',
  over: 'This interview is over',
  cancelled: 'This interview was cancelled',
};

/** The candidate's page. Every piece of stored text is escaped; nothing here changes state. */
export function renderJoinPage(view: JoinPageView): string {
  const { interview, state } = view;
  const headline = state === 'expired' ? HEADLINES.over : HEADLINES[state];
  const interviewers = describeInterviewersForCandidate(interview.interviewers);
  const rows: Array<[string, string]> = [
    ['When', formatTimeInZone(interview.scheduledTime, interview.timezone)],
    ['Length', describeDuration(interview.durationMinutes)],
  ];
  if (interview.role) rows.push(['Role', interview.role]);
  if (interviewers.length > 0) rows.push(['With', interviewers.join(', ')]);
  const details = rows
    .map(([label, value]) =>
      label === 'When'
        ? `<dt>${label}</dt><dd><time data-local datetime="${interview.scheduledTime.toISOString()}">${escapeHtml(value)}</time></dd>`
        : `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`,
    )
    .join('');
  const calendarLink = state === 'cancelled' ? '' : `<p class="secondary"><a href="calendar.ics?session_key=${interview.sessionKey}" download>Add to my calendar</a></p>`;
  return page(
    headline,
    `<main data-state="${state}">
<p class="eyebrow">Hi ${escapeHtml(interview.candidateName)}</p>
<h1>${headline}</h1>
<dl>${details}</dl>
${stateSection(view)}
${calendarLink}
</main>
<script>${PAGE_SCRIPT}</script>`,
  );
}

/**
 * Runs in the candidate's browser: tells the app the page was really opened (a POST, so link
 * scanners that only GET do not count) and shows times in the browser's own zone as well.
 */
const PAGE_SCRIPT = `(function () {
  var key = new URLSearchParams(location.search).get('session_key');
  if (key) {
    fetch('opened', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_key: key }), credentials: 'omit' }).catch(function () {});
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('time[data-local]').forEach(function (element) {
    var instant = new Date(element.getAttribute('datetime'));
    var local = instant.toLocaleString(undefined, { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    var note = document.createElement('span');
    note.className = 'local-time';
    note.textContent = ' — ' + local + ' where you are (' + zone + ')';
    element.after(note);
  });
})();`;

function stateSection(view: JoinPageView): string {
  const { interview, state } = view;
  switch (state) {
    case 'not_open_yet':
      return `<p class="status">You can join from <time datetime="${view.opensAt.toISOString()}">${escapeHtml(
        formatTimeInZone(view.opensAt, interview.timezone),
      )}</time>. Keep this link: it is the way in.</p>`;
    case 'open':
      return interview.meetingUrl
        ? `<p><a class="join" href="${escapeHtml(interview.meetingUrl)}" rel="noopener noreferrer">Join the call</a></p>`
        : '<p class="status">The interview is starting. Your interviewer will share the call details here or by email.</p>';
    case 'over':
    case 'expired':
      return '<p class="status">Thank you for your time. The hiring team will be in touch.</p>';
    case 'cancelled':
      return '<p class="status">The hiring team cancelled this interview. They will contact you if it is rescheduled.</p>';
  }
}

/** The same page for every key that opens nothing, so the page cannot be used to probe keys. */
export function renderNotFoundPage(): string {
  return page('Page not found', '<main><h1>Page not found</h1><p class="status">Check the link in your invitation email.</p></main>');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

const PAGE_STYLE = `
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f6f6f7;margin:0;padding:32px 16px;line-height:1.5}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.eyebrow{color:#616061;margin:0}
h1{font-size:1.6rem;margin:.25rem 0 1.25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0 0 1.5rem}
dt{color:#616061}
dd{margin:0}
.join{display:inline-block;background:#2b6cb0;color:#fff;text-decoration:none;padding:.75rem 1.5rem;border-radius:8px;font-weight:600}
.status{background:#f1f5f9;border-radius:8px;padding:.75rem 1rem}
.secondary{font-size:.9rem}
.local-time{color:#616061}
`;

/**
 * The page runs nothing but its own style and script, allowed by their SHA-256 hashes: the policy
 * is the same for every response, and no injected markup could ever run.
 */
export const JOIN_PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${sha256Source(PAGE_STYLE)}'`,
  `script-src '${sha256Source(PAGE_SCRIPT)}'`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function sha256Source(content: string): string {
  return `sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`;
}

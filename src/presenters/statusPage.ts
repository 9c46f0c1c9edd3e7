import escapeHtml from 'escape-html';
import type { ServiceStatus, SlackStatus, SlackWorkspacesServed } from './serviceStatus';
import { htmlDocument, pageContentSecurityPolicy } from './htmlDocument';

/** The endpoints a newcomer tries first; README.md ("HTTP interface") has them all. */
const API_SUMMARY: Array<[string, string]> = [
  ['POST /api/interviews', 'schedule an interview: {candidateName, candidateEmail, …} → 201 with its join link'],
  ['GET /api/interviews', 'list interviews, newest first; GET /api/interviews/:id for one'],
  ['POST /api/slots, GET /api/slots', 'availability slots; GET|PATCH|DELETE /api/slots/:id for one'],
  [
    'POST /api/booking-requests',
    'let a candidate pick one of the offered slots: {candidateName, candidateEmail, slotIds} → 201 with the booking link',
  ],
  ['GET /api/openapi.json', 'the whole API as an OpenAPI 3.1 document'],
  ['GET /interview/?session_key=…', 'a candidate’s join page'],
  ['GET /book/?token=…', 'a candidate’s booking page'],
];

/** `GET /`: what this server runs with, in words, and where to go next. */
export function renderStatusPage(status: ServiceStatus): string {
  const rows: Array<[string, string]> = [
    ['Slack', describeSlack(status.slack, status.slackWorkspaces)],
    ['Email', status.mail === 'sendgrid' ? 'sent through SendGrid' : 'written to the local mail folder (SENDGRID_API_KEY is not set)'],
    ['Database', status.database === 'postgres' ? 'PostgreSQL' : 'SQLite'],
  ];
  return htmlDocument(
    'Interview Scheduler',
    PAGE_STYLE,
    `<main>
<h1>Interview Scheduler is running</h1>
<dl>
${rows.map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
<h2>Health</h2>
<ul>
<li><a href="/healthz">/healthz</a>: the process answers</li>
<li><a href="/readyz">/readyz</a>: the database answers too; also shows Slack’s state</li>
</ul>
<h2>API</h2>
<ul>
${API_SUMMARY.map(([endpoint, meaning]) => `<li><code>${escapeHtml(endpoint)}</code>: ${escapeHtml(meaning)}</li>`).join('\n')}
</ul>
<p>Every endpoint, its fields and its errors: <code>GET /api/openapi.json</code>, and the section “HTTP interface” of README.md in the project’s repository.</p>
</main>`,
  );
}

/** The three ways to switch Slack on, as README's "Create the Slack app" tells them. */
export const SLACK_OFF_HINT =
  'off. Switch it on in one of three ways: one workspace over HTTP (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET); one workspace over Socket Mode, with no public URL (both SLACK_BOT_TOKEN and SLACK_APP_TOKEN); or many workspaces that install it (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET, and SLACK_STATE_SECRET and TOKEN_ENCRYPTION_KEY, two secrets you make up)';

function describeSlack(slack: SlackStatus, workspaces: SlackWorkspacesServed): string {
  switch (slack) {
    case 'off':
      return SLACK_OFF_HINT;
    case 'http':
      return workspaces === 'many'
        ? 'over HTTP, in every workspace that installs it at /slack/install: Slack sends requests to /slack/events'
        : 'over HTTP: Slack sends requests to /slack/events';
    case 'connecting':
      return 'Socket Mode, connecting';
    case 'connected':
      return 'Socket Mode, connected';
    default:
      return `Socket Mode, not connected: ${slack.slice('disconnected: '.length)}`;
  }
}

const PAGE_STYLE = `
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f6f6f7;margin:0;padding:32px 16px;line-height:1.5}
main{max-width:640px;margin:0 auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.5rem;margin:0 0 1.25rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0}
dt{color:#616061}
dd{margin:0}
`;

/** Nothing runs on this page and nothing loads but its own style, allowed by its hash. */
export const STATUS_PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy({ style: PAGE_STYLE });

import escapeHtml from 'escape-html';
import { htmlDocument, pageContentSecurityPolicy, CARD_PAGE_STYLE } from './htmlDocument';

/** What the app is called in Slack (the manifests' bot user), as people type it in `/invite`. */
const APP_NAME = 'Interview Scheduler';

/** `GET /slack/install`: what the app does, and the button that starts Slack's install (the link carries the OAuth state). */
export function renderInstallPage(addToSlackUrl: string): string {
  return htmlDocument(
    `Add ${APP_NAME} to Slack`,
    PAGE_STYLE,
    `<main>
<p class="eyebrow">${APP_NAME}</p>
<h1>Add ${APP_NAME} to your Slack workspace</h1>
<p>Schedule candidate interviews without leaving Slack: type <code>/schedule-interview</code> in a channel and fill in a short form. The candidate is emailed an invitation with a calendar invite and a private join link, and the channel gets a message that stays up to date, with buttons to reschedule, resend or cancel.</p>
<p><a class="button" href="${escapeHtml(addToSlackUrl)}">Add to Slack</a></p>
<p class="fine">Slack shows what the app may do before you allow it: add the <code>/schedule-interview</code> command, post in channels it is in (and join public ones), send direct messages, and read people’s time zones. Installing needs permission to add apps to your workspace; without it, Slack lets you ask an admin.</p>
</main>`,
  );
}

/** The installation Slack just made, as the success page describes it. */
export interface InstalledView {
  /** The workspace's name, or the organization's for an org-wide install. */
  name: string;
  teamId?: string;
  appId?: string;
  /** Installed org-wide in an Enterprise Grid: an admin then adds it to the organization's workspaces. */
  orgWide: boolean;
  /** Where an org admin chooses the workspaces, for an org-wide install. */
  workspacesAdminUrl?: string;
}

/** After Slack's OAuth callback succeeded: what is installed where, and what to do next in Slack. */
export function renderInstalledPage(view: InstalledView): string {
  const name = escapeHtml(view.name);
  const steps = [
    `In the channel where your team hires, type <code>/invite @${APP_NAME}</code>. (In a public channel it can also join by itself the first time it posts there.)`,
    'Type <code>/schedule-interview</code> and fill in the form. <code>/schedule-interview help</code> explains the rest: your upcoming interviews, offering availability, and the buttons on each interview.',
  ];
  if (view.orgWide) {
    steps.unshift(
      view.workspacesAdminUrl
        ? `An organization admin chooses the workspaces that get the app: <a href="${escapeHtml(view.workspacesAdminUrl)}">add it to workspaces</a>.`
        : 'An organization admin chooses the workspaces that get the app, in the organization’s app management.',
    );
  }
  const openSlack =
    view.teamId && !view.orgWide
      ? `<p><a class="button" href="${escapeHtml(`slack://app?team=${view.teamId}${view.appId ? `&id=${view.appId}` : ''}`)}">Open Slack</a> <a class="secondary-link" href="${escapeHtml(`https://app.slack.com/client/${view.teamId}`)}">or open it in your browser</a></p>\n`
      : '';
  return htmlDocument(
    `${APP_NAME} is installed`,
    PAGE_STYLE,
    `<main>
<p class="eyebrow">${APP_NAME}</p>
<h1>${APP_NAME} is installed ${view.orgWide ? 'for' : 'in'} ${name}</h1>
<h2>What to do next</h2>
<ol>
${steps.map((step) => `<li>${step}</li>`).join('\n')}
</ol>
${openSlack}</main>`,
  );
}

/** Why an installation did not finish, as its page explains it. */
export type InstallFailure =
  /** The person cancelled on Slack's page, or was not allowed to install. */
  | 'cancelled'
  /** The callback's state is missing, forged, expired, used already, or from another browser; or Slack's code is missing. */
  | 'not-started-here'
  /** Slack refused the exchange, could not be reached, or the installation could not be stored. */
  | 'failed';

/** The HTTP status each failure is answered with. */
export const INSTALL_FAILURE_STATUS: Record<InstallFailure, number> = { cancelled: 403, 'not-started-here': 400, failed: 502 };

const FAILURE_TEXT: Record<InstallFailure, { headline: string; body: string }> = {
  cancelled: {
    headline: `${APP_NAME} was not installed`,
    body: 'The installation was cancelled on Slack’s page, so nothing was added to your workspace. If Slack said you need permission to add apps, ask a workspace admin to install it, or to approve your request.',
  },
  'not-started-here': {
    headline: 'This installation link cannot be used',
    body: 'It has expired, it was used already, or it was started in another browser. To keep your workspace safe, an installation must finish in the browser that started it, within 10 minutes. Nothing was installed.',
  },
  failed: {
    headline: `${APP_NAME} could not be installed`,
    body: 'Slack did not complete the installation, and nothing was stored. Try again in a moment. If it keeps failing, tell whoever runs Interview Scheduler for your company: the reason is in the server’s log.',
  },
};

/** A denied, forged or failed OAuth callback: what happened, in words, and a way to start again. */
export function renderInstallFailedPage(failure: InstallFailure, installPath: string): string {
  const text = FAILURE_TEXT[failure];
  return htmlDocument(
    text.headline,
    PAGE_STYLE,
    `<main>
<p class="eyebrow">${APP_NAME}</p>
<h1>${text.headline}</h1>
<p>${text.body}</p>
<p><a class="button" href="${escapeHtml(installPath)}">Start the installation again</a></p>
</main>`,
  );
}

const PAGE_STYLE = `${CARD_PAGE_STYLE}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
li{margin:.35rem 0}
code{background:#f1f5f9;border-radius:4px;padding:0 .25rem}
.button{display:inline-block;background:#2b6cb0;color:#fff;text-decoration:none;padding:.75rem 1.5rem;border-radius:8px;font-weight:600}
.secondary-link{margin-left:.75rem}
.fine{font-size:.9rem;color:#616061}
`;

/** Nothing runs on these pages and nothing loads but their own style; a link is all they offer. */
export const INSTALL_PAGES_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy({ style: PAGE_STYLE });

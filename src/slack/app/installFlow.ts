import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Authorize, Installation } from '@slack/bolt';
import { type CallbackOptions, InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { SlackSettings } from '../../config/appConfig';
import type { Database } from '../../db/database';
import type { Logger } from '../../logging/logger';
import {
  INSTALL_FAILURE_STATUS,
  INSTALL_PAGES_CONTENT_SECURITY_POLICY,
  renderInstalledPage,
  renderInstallFailedPage,
  renderInstallPage,
  type InstallFailure,
} from '../../presenters/installPages';
import { slackApiOptions } from '../../slackApi/slackFetch';
import { boltLoggerFrom } from './boltLogger';
import type { DatabaseInstallationStore } from '../workspaces/installationStore';
import { DatabaseOAuthStateStore } from '../workspaces/oauthStateStore';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes the app asks each workspace for: exactly those in the manifests, and why, in README.md. */
export const BOT_SCOPES = ['commands', 'chat:write', 'channels:join', 'im:write', 'users:read', 'users:read.email'];

/** A request to one of the install pages (GET only: Slack redirects the browser there). */
export function isInstallRequest(method: string | undefined, path: string | undefined): boolean {
  return method === 'GET' && (path === SLACK_INSTALL_PATH || path === SLACK_OAUTH_REDIRECT_PATH);
}

/** Sent with every install page: nothing but their own style loads, nothing frames them, nothing caches or leaks the URL (it carries Slack's code). */
const INSTALL_PAGE_HEADERS = {
  'Content-Security-Policy': INSTALL_PAGES_CONTENT_SECURITY_POLICY,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-Robots-Tag': 'noindex, nofollow',
};

type OAuthSettings = Extract<SlackSettings, { mode: 'oauth' }>;

export interface InstallFlowDependencies {
  store: DatabaseInstallationStore;
  /** Where the installations' OAuth states are kept until Slack sends the browser back. */
  database: Database;
  /** Base of the redirect URL Slack sends the browser back to (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  logger: Logger;
}

/** The install pages, and how Bolt finds the installation behind each Slack request. */
export interface InstallFlow {
  /** Handles `GET /slack/install` and `GET /slack/oauth_redirect` (see isInstallRequest). */
  listener: RequestListener;
  /** Bolt's `authorize`: the bot token and ids of the installation a request came through, from the store. */
  authorize: Authorize<boolean>;
}

/**
 * Slack's OAuth v2 install flow, through @slack/oauth's InstallProvider (the one Bolt's own
 * receivers build): the install page sets the state cookie and links to Slack with a state kept
 * in the database (DatabaseOAuthStateStore: used once, for 10 minutes); the redirect checks both,
 * exchanges the code through `oauth.v2.access` at SLACK_API_URL, and stores the installation in
 * the database. The pages are the app's own. Bolt's `authorize` is the same provider's, reading
 * each request's installation from the store, as Bolt does when it builds the provider itself.
 */
export function createInstallFlow(settings: OAuthSettings, deps: InstallFlowDependencies): InstallFlow {
  const installUrlOptions: InstallURLOptions = { scopes: BOT_SCOPES, redirectUri: `${deps.publicBaseUrl}${SLACK_OAUTH_REDIRECT_PATH}` };
  const installer = new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    installationStore: deps.store,
    stateStore: new DatabaseOAuthStateStore(deps.database, settings.stateSecret),
    stateVerification: true,
    installUrlOptions,
    renderHtmlForInstallPath: renderInstallPage,
    clientOptions: slackApiOptions(settings.apiUrl),
    logger: boltLoggerFrom(deps.logger),
  });
  const callbacks = installCallbacks(deps.logger);
  const listener: RequestListener = (request, response) => {
    for (const [name, value] of Object.entries(INSTALL_PAGE_HEADERS)) response.setHeader(name, value);
    const path = request.url?.split('?')[0];
    const handled =
      path === SLACK_INSTALL_PATH
        ? installer.handleInstallPath(request, response, {}, installUrlOptions)
        : installer.handleCallback(request, response, callbacks);
    handled.catch((error: unknown) => {
      // The install page could not hand out a state (the database is unreachable); the callback reports its own failures.
      deps.logger.error({ err: error, path }, 'Could not serve an install page');
      sendPage(response, INSTALL_FAILURE_STATUS.failed, renderInstallFailedPage('failed', SLACK_INSTALL_PATH));
    });
  };
  return { listener, authorize: (source) => installer.authorize(source) };
}

function installCallbacks(logger: Logger): CallbackOptions {
  return {
    successAsync: (installation, _options, _request, response) => {
      logger.info(
        { teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, orgWide: installation.isEnterpriseInstall ?? false },
        'The app was installed in a Slack workspace',
      );
      sendPage(response, 200, renderInstalledPage(describeInstallation(installation)));
      return Promise.resolve();
    },
    failureAsync: (error, _options, _request, response) => {
      const failure = classifyInstallFailure(error.code);
      const context = { code: error.code, reason: error.message };
      if (failure === 'failed') logger.error(context, 'A Slack installation failed');
      else logger.info(context, 'A Slack installation did not finish');
      sendPage(response, INSTALL_FAILURE_STATUS[failure], renderInstallFailedPage(failure, SLACK_INSTALL_PATH));
      return Promise.resolve();
    },
  };
}

/** @slack/oauth's error codes, as the person installing needs to hear them. */
function classifyInstallFailure(code: string): InstallFailure {
  switch (code) {
    case 'slack_oauth_installer_authorization_error':
      return 'cancelled';
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_code':
      return 'not-started-here';
    default:
      return 'failed';
  }
}

function describeInstallation(installation: Installation) {
  const orgWide = installation.isEnterpriseInstall ?? false;
  const appId = installation.appId;
  return {
    name: (orgWide ? installation.enterprise?.name : installation.team?.name) ?? 'your workspace',
    teamId: installation.team?.id,
    appId,
    orgWide,
    // Where Bolt's own success page sends an org admin: the organization's page for choosing workspaces.
    workspacesAdminUrl:
      orgWide && installation.enterpriseUrl && appId
        ? `${installation.enterpriseUrl}manage/organization/apps/profile/${appId}/workspaces/add`
        : undefined,
  };
}

function sendPage(response: ServerResponse<IncomingMessage>, status: number, html: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(html);
}

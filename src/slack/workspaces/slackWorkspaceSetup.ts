import type { SlackSettings } from '../../config/appConfig';
import type { Database } from '../../db/database';
import { createDeliverySlackClient, oneWorkspaceClients, type SlackClients } from '../../slackApi/slackClients';
import { InstalledWorkspaceClients } from './installedWorkspaceClients';
import type { Logger } from '../../logging/logger';
import { DatabaseInstallationStore } from './installationStore';
import { InstalledWorkspaces } from './installedWorkspaces';
import { OneWorkspace } from './oneWorkspace';
import { TokenKeyRing } from './tokenKeyRing';

/** The workspaces Slack is served in, and how deliveries reach each: one bot token, or one per installation. */
export type SlackWorkspaceSetup =
  | { kind: 'one'; workspaces: OneWorkspace; deliveryClients: SlackClients }
  | { kind: 'many'; workspaces: InstalledWorkspaces; deliveryClients: SlackClients; store: DatabaseInstallationStore };

/**
 * Single-workspace mode (SLACK_BOT_TOKEN) or multi-workspace mode (installed through OAuth). In
 * the latter, start-up stops if any stored token is sealed under a key this process was not given.
 */
export async function setUpSlackWorkspaces(
  settings: Exclude<SlackSettings, { mode: 'disabled' }>,
  database: Database,
  logger: Logger,
  now: () => Date,
): Promise<SlackWorkspaceSetup> {
  if (settings.mode !== 'oauth') {
    return {
      kind: 'one',
      workspaces: new OneWorkspace(database, logger.child({ component: 'slack' }), now),
      deliveryClients: oneWorkspaceClients(createDeliverySlackClient(settings.botToken, settings.apiUrl)),
    };
  }
  const keys = new TokenKeyRing(settings.tokenKeys);
  const store = new DatabaseInstallationStore(database, keys);
  await requireEveryTokenOpens(store, keys);
  return {
    kind: 'many',
    workspaces: new InstalledWorkspaces(store),
    deliveryClients: new InstalledWorkspaceClients(store, (token) => createDeliverySlackClient(token, settings.apiUrl)),
    store,
  };
}

/** Tokens sealed under a key nobody gave this process would fail every workspace they serve: say so now, naming the variables. */
async function requireEveryTokenOpens(store: DatabaseInstallationStore, keys: TokenKeyRing): Promise<void> {
  const missing = await store.keyIdsItCannotOpen();
  if (missing.size === 0) return;
  const installations = [...missing.values()].reduce((sum, count) => sum + count, 0);
  throw new Error(
    `The Slack tokens of ${installations} installation${installations === 1 ? '' : 's'} are encrypted under key ${[...missing.keys()].join(', ')}, ` +
      `which is neither TOKEN_ENCRYPTION_KEY (key ${keys.currentKeyId}) nor in TOKEN_ENCRYPTION_PREVIOUS_KEYS. ` +
      'Add the key they were encrypted under to TOKEN_ENCRYPTION_PREVIOUS_KEYS (README.md, "Rotating secrets").',
  );
}

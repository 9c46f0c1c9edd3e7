import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { v4 as uuidv4 } from 'uuid';
import type { Database } from '../../db/database';
import { SlackInstallation } from '../../db/entities/SlackInstallation';
import type { SlackWorkspaceRef, WorkspaceColumns, WorkspaceScope } from '../../domain/shared/slackWorkspaces';
import { stopSlackDeliveries } from '../../domain/deliveries/stopSlackDeliveries';
import type { TokenKeyRing } from './tokenKeyRing';

/** How long a looked-up installation is reused before the database is asked again. */
const INSTALLATION_CACHE_MS = 30_000;

/** Which installation a Bolt request, a delivery or an uninstall is about. */
export type InstallationLookup = Pick<InstallationQuery<boolean>, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>;

/** An installation with its bot token opened: what posting in its workspace needs. */
export interface OpenedInstallation {
  row: SlackInstallation;
  botToken: string;
}

/** `team:T…` for a workspace, `enterprise:E…` for an org-wide install in an Enterprise Grid. */
function teamKey(teamId: string): string {
  return `team:${teamId}`;
}

function enterpriseKey(enterpriseId: string): string {
  return `enterprise:${enterpriseId}`;
}

/** The key of the installation Bolt means: the organization's for an org-wide install, else the workspace's. */
function keyForQuery(query: InstallationLookup): string | null {
  if (query.isEnterpriseInstall && query.enterpriseId) return enterpriseKey(query.enterpriseId);
  return query.teamId ? teamKey(query.teamId) : null;
}

/** The keys that may serve rows of a workspace: its own installation, or its organization's org-wide one. */
function keysForWorkspace(workspace: { teamId?: string | null; enterpriseId?: string | null }): string[] {
  return [
    ...(workspace.teamId ? [teamKey(workspace.teamId)] : []),
    ...(workspace.enterpriseId ? [enterpriseKey(workspace.enterpriseId)] : []),
  ];
}

/**
 * Bolt's installation store, in the app's database: one row per workspace (or per Enterprise Grid
 * organization, for an org-wide install, as Bolt defines it), the bot token sealed with the
 * TokenKeyRing. Lookups are cached briefly, so neither Slack requests nor deliveries ask the
 * database every time; storing or deleting an installation forgets the cached one.
 */
export class DatabaseInstallationStore implements InstallationStore {
  private readonly cache = new Map<string, { installation: OpenedInstallation; until: number }>();

  constructor(
    private readonly database: Database,
    private readonly keys: TokenKeyRing,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Bolt, after `oauth.v2.access`: a new installation, or a workspace installing again (new scopes, a new token). */
  async storeInstallation(installation: Installation): Promise<void> {
    const key = keyForQuery({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
    });
    if (!key) throw new Error('Slack named neither a workspace nor an organization for this installation.');
    if (!installation.bot) throw new Error('Slack sent no bot token: the app must ask for bot scopes.');
    const { keyId, sealed } = this.keys.seal(installation.bot.token, key);
    const fields = {
      teamId: installation.team?.id ?? null,
      teamName: installation.team?.name ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      enterpriseName: installation.enterprise?.name ?? null,
      enterpriseUrl: installation.enterpriseUrl ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      appId: installation.appId ?? null,
      botId: installation.bot.id || null,
      botUserId: installation.bot.userId,
      botScopes: installation.bot.scopes.join(','),
      botTokenEncrypted: sealed,
      encryptionKeyId: keyId,
      installerUserId: installation.user.id || null,
      updatedAt: new Date(this.nowMs()),
    };
    await this.database.transaction(async (manager) => {
      const existing = await manager.findOneBy(SlackInstallation, { installationKey: key });
      if (existing) {
        await manager.update(SlackInstallation, { id: existing.id }, fields);
      } else {
        await manager.insert(SlackInstallation, { id: uuidv4(), installationKey: key, installedAt: fields.updatedAt, ...fields });
      }
    });
    this.cache.delete(key);
  }

  /** Bolt, for every request: the installation it came through, or an error when there is none. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = keyForQuery(query);
    const opened = key ? await this.open(key) : null;
    if (!opened) {
      throw new Error(
        `The app is not installed in ${query.isEnterpriseInstall ? `organization ${query.enterpriseId}` : `workspace ${query.teamId}`}.`,
      );
    }
    return asBoltInstallation(opened);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.forget(query, null);
  }

  /**
   * The app was uninstalled (or its bot token revoked): the installation and its token are deleted
   * and, in the same transaction, the pending Slack deliveries of `stopDeliveriesIn` fail at once.
   * Returns how many deliveries stopped.
   */
  async forget(query: InstallationLookup, stopDeliveriesIn: WorkspaceScope | null, now = new Date(this.nowMs())): Promise<number> {
    const key = keyForQuery(query);
    const stopped = await this.database.transaction(async (manager) => {
      if (key) await manager.delete(SlackInstallation, { installationKey: key });
      return stopDeliveriesIn ? stopSlackDeliveries(manager, stopDeliveriesIn, now) : 0;
    });
    if (key) this.cache.delete(key);
    return stopped;
  }

  /** The installation that posts for a row's workspace (its own, or its organization's), or null where the app is not installed. */
  async findForWorkspace(workspace: WorkspaceColumns | SlackWorkspaceRef): Promise<OpenedInstallation | null> {
    const ids = 'slackTeamId' in workspace ? { teamId: workspace.slackTeamId, enterpriseId: workspace.slackEnterpriseId } : workspace;
    for (const key of keysForWorkspace(ids)) {
      const opened = await this.open(key);
      if (opened) return opened;
    }
    return null;
  }

  /** The key ids of stored tokens this process has no key for, with how many installations each: what start-up refuses. */
  async keyIdsItCannotOpen(): Promise<Map<string, number>> {
    const rows = await this.database.read((manager) => manager.find(SlackInstallation, { select: { encryptionKeyId: true } }));
    const missing = new Map<string, number>();
    for (const { encryptionKeyId } of rows) {
      if (!this.keys.knows(encryptionKeyId)) missing.set(encryptionKeyId, (missing.get(encryptionKeyId) ?? 0) + 1);
    }
    return missing;
  }

  /** Reseals every token not yet under the current key; those under a key not configured here are left as they are. */
  async reencryptAll(): Promise<{ resealed: number; alreadyCurrent: number; unopenable: SlackInstallation[] }> {
    const rows = await this.database.read((manager) => manager.find(SlackInstallation, { order: { installedAt: 'ASC' } }));
    const outcome = { resealed: 0, alreadyCurrent: 0, unopenable: [] as SlackInstallation[] };
    const stale = rows.filter((row) => row.encryptionKeyId !== this.keys.currentKeyId);
    outcome.alreadyCurrent = rows.length - stale.length;
    for (const row of stale) {
      if (!this.keys.knows(row.encryptionKeyId)) {
        outcome.unopenable.push(row);
        continue;
      }
      const token = this.keys.open(row.botTokenEncrypted, row.encryptionKeyId, row.installationKey);
      const { keyId, sealed } = this.keys.seal(token, row.installationKey);
      await this.database.transaction((manager) =>
        manager.update(
          SlackInstallation,
          { id: row.id, encryptionKeyId: row.encryptionKeyId },
          { botTokenEncrypted: sealed, encryptionKeyId: keyId },
        ),
      );
      outcome.resealed += 1;
    }
    this.cache.clear();
    return outcome;
  }

  private async open(key: string): Promise<OpenedInstallation | null> {
    const cached = this.cache.get(key);
    if (cached && cached.until > this.nowMs()) return cached.installation;
    const row = await this.database.read((manager) => manager.findOneBy(SlackInstallation, { installationKey: key }));
    if (!row) {
      this.cache.delete(key);
      return null;
    }
    const installation = { row, botToken: this.keys.open(row.botTokenEncrypted, row.encryptionKeyId, row.installationKey) };
    this.cache.set(key, { installation, until: this.nowMs() + INSTALLATION_CACHE_MS });
    return installation;
  }
}

/** A stored installation as Bolt's authorize reads it: a fresh object each time, since Bolt may change what it is given. */
function asBoltInstallation({ row, botToken }: OpenedInstallation): Installation {
  return {
    team: row.teamId ? { id: row.teamId, ...(row.teamName ? { name: row.teamName } : {}) } : undefined,
    enterprise: row.enterpriseId ? { id: row.enterpriseId, ...(row.enterpriseName ? { name: row.enterpriseName } : {}) } : undefined,
    user: { id: row.installerUserId ?? '', token: undefined, scopes: undefined },
    bot: { token: botToken, scopes: row.botScopes ? row.botScopes.split(',') : [], id: row.botId ?? '', userId: row.botUserId },
    appId: row.appId ?? undefined,
    enterpriseUrl: row.enterpriseUrl ?? undefined,
    tokenType: 'bot',
    isEnterpriseInstall: row.isEnterpriseInstall,
    authVersion: 'v2',
  };
}

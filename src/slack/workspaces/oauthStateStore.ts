import { createHmac, randomBytes } from 'node:crypto';
import { type InstallURLOptions, InvalidStateError, type StateStore } from '@slack/oauth';
import { LessThan } from 'typeorm';
import type { Database } from '../../db/database';
import { SlackOAuthState } from '../../db/entities/SlackOAuthState';

/** How long an installation may take from the install page to Slack's redirect back: as long as Bolt's state cookie lives. */
export const OAUTH_STATE_LIFETIME_MS = 10 * 60_000;

const STATE_BYTES = 32;

/**
 * Bolt's OAuth state store (InstallProvider's `stateStore` option), in the database: each state
 * the install page hands out is stored (as its HMAC under SLACK_STATE_SECRET) until the browser
 * comes back with it, on whichever replica, and deleted as it is checked, so it installs one
 * workspace once. Bolt's default store signs the state instead and keeps nothing, so a used state
 * and its cookie installed again for the rest of their 10 minutes. Expired states are removed as
 * new ones are handed out.
 */
export class DatabaseOAuthStateStore implements StateStore {
  constructor(
    private readonly database: Database,
    private readonly stateSecret: string,
  ) {}

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const state = randomBytes(STATE_BYTES).toString('base64url');
    await this.database.transaction(async (manager) => {
      await manager.delete(SlackOAuthState, { expiresAt: LessThan(now) });
      await manager.insert(SlackOAuthState, {
        stateHash: this.hashOf(state),
        installOptions: JSON.stringify(installOptions),
        expiresAt: new Date(now.getTime() + OAUTH_STATE_LIFETIME_MS),
      });
    });
    return state;
  }

  /** The install options `state` was handed out with, once: the state is gone after this, whatever the outcome. */
  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const stateHash = this.hashOf(state);
    const consumed = await this.database.transaction(async (manager) => {
      const stored = await manager.findOneBy(SlackOAuthState, { stateHash });
      if (!stored) return null;
      // Two callbacks with the same state at once: the row is deleted by exactly one of them.
      const { affected } = await manager.delete(SlackOAuthState, { stateHash });
      return affected === 1 && stored.expiresAt > now ? stored : null;
    });
    if (!consumed) throw new InvalidStateError('The state was never handed out here, has expired, or was used already.');
    return JSON.parse(consumed.installOptions) as InstallURLOptions;
  }

  private hashOf(state: string): string {
    return createHmac('sha256', this.stateSecret).update(state).digest('hex');
  }
}

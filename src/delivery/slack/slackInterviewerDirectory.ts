import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { InterviewerDirectory, InterviewerProfile } from '../interviewerDirectory';
import { classifySlackError, slackErrorCode } from './slackErrors';

const REMEMBER_FOR_MS = 60 * 60 * 1000;
const MAX_USERS_REMEMBERED = 10_000;
/** Answers that mean Slack will not tell us about this user, however often we ask. */
const NOTHING_TO_LEARN = new Set(['user_not_found', 'user_not_visible', 'account_inactive']);

/**
 * Interviewers' addresses from Slack's `users.info` (`profile.email`, shared with the
 * `users:read.email` scope), remembered for an hour: an interview's invitation, its interviewers'
 * copies and its candidate's reminders all ask about the same people within minutes.
 */
export class SlackInterviewerDirectory implements InterviewerDirectory {
  private readonly remembered = new LRUCache<string, InterviewerProfile>({ max: MAX_USERS_REMEMBERED, ttl: REMEMBER_FOR_MS });

  constructor(private readonly client: WebClient) {}

  async lookUp(slackUserId: string): Promise<InterviewerProfile> {
    const known = this.remembered.get(slackUserId);
    if (known) return known;
    let profile: InterviewerProfile;
    try {
      const info = await this.client.users.info({ user: slackUserId });
      profile = {
        email: info.user?.profile?.email || undefined,
        name: info.user?.real_name || info.user?.profile?.real_name || undefined,
        timezone: info.user?.tz || undefined,
      };
    } catch (error) {
      if (!NOTHING_TO_LEARN.has(slackErrorCode(error) ?? '')) throw classifySlackError(error, 'looking up an interviewer');
      profile = {};
    }
    this.remembered.set(slackUserId, profile);
    return profile;
  }
}

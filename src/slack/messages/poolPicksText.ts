import type { StoredPoolPick } from '../../domain/interviews/poolPicks';
import { isSlackUserId } from '../../domain/shared/participants';
import { escapeMrkdwn, mentionUser } from './mrkdwn';

const PICK_REASONS: Record<StoredPoolPick['chosen'][number]['reason'], string> = {
  only_free: 'the only one free',
  fewest_interviews: 'fewest interviews in the 7 days around',
  least_recently_interviewed: 'least recently interviewed',
  pool_order: 'first in the pool’s order',
  conflicts_allowed: 'busy, booked anyway (conflicts allowed)',
};

/** Whom each pool picked and why, one line per pick: for an interview's and a loop's message. */
export function describePoolPicksForSlack(picks: readonly StoredPoolPick[] | null): string[] {
  return (picks ?? []).flatMap((pick) =>
    pick.chosen.map(
      (member) =>
        `${personForSlack(member.interviewer)} picked from ${pick.anyOf.map(personForSlack).join(', ')}: ${PICK_REASONS[member.reason]} (${member.interviewsNearby} ${member.interviewsNearby === 1 ? 'interview' : 'interviews'} that week)`,
    ),
  );
}

function personForSlack(person: string): string {
  return isSlackUserId(person) ? mentionUser(person) : escapeMrkdwn(person);
}

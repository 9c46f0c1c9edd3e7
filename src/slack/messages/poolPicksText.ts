import type { StoredPoolPick } from '../../domain/interviews/poolPicks';
import { isSlackUserId } from '../../domain/shared/participants';
import { escapeMrkdwn, mentionUser } from './mrkdwn';
import type { InterviewPlan } from '../../domain/freeTimes/planFreeTimes';
import { describeDuration } from '../../presenters/interviewTime';

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

/**
 * A plan's people as a booking request's message shows them before anyone is picked: each
 * session's (a loop's, by title and length) named people, then each pool as "one of …".
 */
export function describePlanForSlack(plan: InterviewPlan): string {
  return plan.sessions
    .map((session) => {
      const people = [
        ...session.interviewers.people.map(personForSlack),
        ...session.interviewers.pools.map(
          (pool) => `${pool.count === 1 ? 'one' : String(pool.count)} of ${pool.anyOf.map(personForSlack).join(', ')}`,
        ),
      ].join(', ');
      return session.title === null ? people : `${escapeMrkdwn(session.title)} (${describeDuration(session.durationMinutes)}): ${people}`;
    })
    .join('\n');
}

function personForSlack(person: string): string {
  return isSlackUserId(person) ? mentionUser(person) : escapeMrkdwn(person);
}

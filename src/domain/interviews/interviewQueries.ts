import { Between, In, type EntityManager } from 'typeorm';
import { DeliveryJob, DeliveryStatus } from '../deliveries/DeliveryJob';
import { Interview } from './Interview';
import { InterviewParticipant } from './InterviewParticipant';
import { InterviewInterviewer } from './InterviewInterviewer';
import { normalizedEmailAddress } from '../shared/participants';
import type { DomainContext } from '../shared/domainContext';
import { InterviewNotFoundError } from '../shared/errors';
import { isInterviewId } from './interviewChanges';
import { isWellFormedSessionKey } from './joinLink';
import { InterviewStatus } from './interviewStatus';
import { REMINDER_KINDS } from './reminderPlan';
import { whereWithinScope } from '../workspaces/slackWorkspace';
import { decodeCursor, takePage } from '../shared/pageCursor';
import { type WorkspaceScope } from '../shared/slackWorkspaces';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export interface InterviewListFilter {
  status?: InterviewStatus;
  channelId?: string;
  candidateEmail?: string;
  /** Only interviews starting at or after this instant. */
  startsAfter?: Date;
  /** Only interviews starting before this instant. */
  startsBefore?: Date;
  /** A Slack user who organises or interviews. */
  participantSlackUserId?: string;
  /** Only interviews of this Slack workspace. */
  slackTeamId?: string;
  limit: number;
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor?: string;
}

export interface InterviewPage {
  interviews: Interview[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export async function findInterviewById(context: DomainContext, id: string): Promise<Interview> {
  if (!isInterviewId(id)) {
    throw new InterviewNotFoundError();
  }
  const interview = await context.database.read((manager) => manager.findOneBy(Interview, { id }));
  if (!interview) {
    throw new InterviewNotFoundError();
  }
  return interview;
}

/** Looked up in place of a malformed key, so every answer costs one indexed query. */
const NEVER_ISSUED_KEY = '-';

/**
 * The interview a join link opens, or null for any key that opens nothing. Malformed keys cost the
 * same lookup as well-formed ones, so timing does not tell them apart.
 */
export async function findInterviewBySessionKey(context: DomainContext, sessionKey: unknown): Promise<Interview | null> {
  const key = isWellFormedSessionKey(sessionKey) ? sessionKey : NEVER_ISSUED_KEY;
  return context.database.read((manager) => manager.findOneBy(Interview, { sessionKey: key }));
}

/** Newest first, filtered, paginated by a cursor so pages stay stable while interviews are added. */
export async function listInterviews(context: DomainContext, filter: InterviewListFilter): Promise<InterviewPage> {
  const rows = await context.database.read((manager) => buildListQuery(manager, filter).getMany());
  const { page, nextCursor } = takePage(rows, filter.limit, (interview) => interview);
  return { interviews: page, nextCursor };
}

/** Upcoming interviews a Slack user organises or interviews on, within their workspace's scope, soonest first. */
export async function listUpcomingInterviewsFor(
  context: DomainContext,
  slackUserId: string,
  scope: WorkspaceScope,
  limit: number,
): Promise<Interview[]> {
  return context.database.read((manager) =>
    whereWithinScope(manager.createQueryBuilder(Interview, 'interview'), scope, (column) => `interview.${column}`)
      .innerJoin(InterviewParticipant, 'participant', 'participant.interviewId = interview.id AND participant.slackUserId = :slackUserId', {
        slackUserId,
      })
      .andWhere('participant.scheduledTime >= :since', { since: new Date(context.now().getTime() - 60 * 60 * 1000) })
      .andWhere('interview.status = :status', { status: 'scheduled' })
      .orderBy('participant.scheduledTime', 'ASC')
      .limit(limit)
      .getMany(),
  );
}

function buildListQuery(manager: EntityManager, filter: InterviewListFilter) {
  const query = manager.createQueryBuilder(Interview, 'interview');
  // Every list is newest first by (createdAt, id), read in that order from an index that starts
  // with its filter's column; a participant's interviews from their participant rows.
  let order = { createdAt: 'interview.createdAt', id: 'interview.id' };
  if (filter.participantSlackUserId) {
    query.innerJoin(
      InterviewParticipant,
      'participant',
      'participant.interviewId = interview.id AND participant.slackUserId = :slackUserId',
      {
        slackUserId: filter.participantSlackUserId,
      },
    );
    order = { createdAt: 'participant.createdAt', id: 'participant.interviewId' };
  }
  if (filter.status) query.andWhere('interview.status = :status', { status: filter.status });
  if (filter.channelId) query.andWhere('interview.channelId = :channelId', { channelId: filter.channelId });
  if (filter.slackTeamId) query.andWhere('interview.slackTeamId = :slackTeamId', { slackTeamId: filter.slackTeamId });
  if (filter.candidateEmail) {
    query.andWhere('interview.candidateEmailNormalized = :candidateEmail', {
      candidateEmail: normalizedEmailAddress(filter.candidateEmail),
    });
  }
  if (filter.startsAfter) query.andWhere('interview.scheduledTime >= :startsAfter', { startsAfter: filter.startsAfter });
  if (filter.startsBefore) {
    // No interview starts before it was made (R1), so only those made before the bound can match:
    // the newest-first walk starts there instead of at the newest interview.
    query.andWhere('interview.scheduledTime < :startsBefore', { startsBefore: filter.startsBefore });
    query.andWhere(`${order.createdAt} < :startsBefore`);
  }
  const position = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (position) query.andWhere(`(${order.createdAt}, ${order.id}) < (:createdAt, :id)`, position);
  return query
    .orderBy(order.createdAt, 'DESC')
    .addOrderBy(order.id, 'DESC')
    .limit(filter.limit + 1);
}

export { decodeCursor, encodeCursor } from '../shared/pageCursor';

/** The next reminder an interview will send: whom it reminds and when. */
export interface NextReminder {
  kind: (typeof REMINDER_KINDS)[number];
  dueAt: Date;
}

/** Each listed interview's next pending reminder, if it has one left. */
export async function findNextReminders(context: DomainContext, interviewIds: string[]): Promise<Map<string, NextReminder>> {
  if (interviewIds.length === 0) return new Map();
  const jobs = await context.database.read((manager) =>
    manager.find(DeliveryJob, {
      select: { interviewId: true, kind: true, nextAttemptAt: true },
      where: { interviewId: In(interviewIds), status: DeliveryStatus.Pending, kind: In([...REMINDER_KINDS]) },
      order: { nextAttemptAt: 'ASC' },
    }),
  );
  const next = new Map<string, NextReminder>();
  for (const job of jobs) {
    if (job.interviewId && !next.has(job.interviewId))
      next.set(job.interviewId, { kind: job.kind as NextReminder['kind'], dueAt: job.nextAttemptAt });
  }
  return next;
}

/**
 * The interviews not cancelled that any of `names` (Slack user ids, lowercase addresses) takes
 * part in as an interviewer, starting between `from` and `to`: their id, time, length and
 * interviewers, read through interview_interviewer's index rather than every interview then.
 */
export async function scheduledInterviewsOf(
  manager: EntityManager,
  names: readonly string[],
  window: { from: Date; to: Date },
  ignoreInterviewIds: readonly string[] = [],
): Promise<Interview[]> {
  if (names.length === 0) return [];
  const rows = await manager.find(InterviewInterviewer, {
    select: { interviewId: true },
    where: { interviewer: In([...new Set(names)]), scheduledTime: Between(window.from, window.to) },
  });
  const ids = [...new Set(rows.map((row) => row.interviewId))].filter((id) => !ignoreInterviewIds.includes(id));
  if (ids.length === 0) return [];
  return manager.find(Interview, {
    select: { id: true, scheduledTime: true, durationMinutes: true, interviewers: true },
    where: { id: In(ids), status: InterviewStatus.Scheduled },
  });
}

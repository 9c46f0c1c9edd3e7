import { v4 as uuidv4 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { insertRows } from '../../db/insertRows';
import { deliveriesQueued, inTransaction, withinTransaction, type DomainContext } from '../shared/domainContext';
import { IdempotencyConflictError, InputValidationError, type FieldProblem } from '../shared/errors';
import { type Interview } from '../interviews/Interview';
import { explicitTimeProblems, fingerprintRequest } from '../interviews/interviewInput';
import { scheduleInterview, type InterviewFromBooking, type ScheduleInterviewProps } from '../interviews/scheduleInterview';
import type { Actor } from '../shared/actor';
import type { PlannedSession } from '../plans/sessionPicks';
import { peopleOfPanel } from '../plans/interviewerPools';
import { checkLoopSpec, type LoopSpec } from '../plans/loopInput';
import { planLoopAt } from '../plans/plansAtTime';
import { planPeopleAt, readPlanCalendars, resolvePlanWorkspace } from './busyTimes';
import { workspaceColumns, type WorkspaceResolution } from '../workspaces/slackWorkspace';
import type { CalendarReading } from '../calendars/freeTimes';
import { bookInterviewers, isInterviewerOverlap } from './interviewerBookings';
import { Loop, LoopStatus } from './Loop';
import { queueLoopDeliveries } from './loopDeliveries';
import { findLoopSessions } from './loopQueries';
import { readPlanRequest, storedPicks } from './planRequest';
import { recordRequestKeyUse, requireKeyNamesThisRequest } from '../shared/requestKeys';
import { busyError } from './scheduleWithPools';

const MINUTE_MS = 60_000;

/** A loop as stored: the loop, and its sessions in order. */
export interface LoopWithSessions {
  loop: Loop;
  sessions: Interview[];
}

export interface ScheduleLoopResult extends LoopWithSessions {
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/** What one interview's body takes, but a loop's sessions each say for themselves. */
const PER_SESSION_FIELDS = ['interviewers', 'durationMinutes', 'slotId'] as const;

/**
 * A loop (POST /api/interviews with `sessions` and `maxGapMinutes`): several sessions for one
 * candidate, the first at `scheduledTime`, each next one 0 to `maxGapMinutes` after the one before
 * ends (the smallest gap at which its people are free). Each session is an interview made by
 * scheduleInterview (its own join link, all of R1–R5), grouped by `loopId`; each pool picks fairly;
 * the candidate gets one email with the agenda and the channel one message, both queued here.
 * Someone busy (a person named directly, or a pool without enough free members) → `409
 * interviewers_busy` unless `allowConflicts`. Bad input → 400 naming every field; nothing stored.
 */
export async function scheduleLoop(
  context: DomainContext,
  props: Pick<ScheduleInterviewProps, 'input' | 'actor' | 'idempotencyKey'>,
): Promise<ScheduleLoopResult> {
  const request = readPlanRequest(props.input);
  const spec = checkLoopSpec(request.body ?? {});
  const now = context.now();
  const problems: FieldProblem[] = [...request.problems, ...spec.problems, ...explicitTimeProblems(request.common.scheduledTime, now)];
  for (const field of PER_SESSION_FIELDS) {
    if (request.body?.[field] !== undefined) {
      problems.push({ field, message: `A loop's sessions each give their own ${field === 'slotId' ? 'time' : field}; leave it out here.` });
    }
  }
  if (request.body && request.common.scheduledTime === undefined && !problems.some((problem) => problem.field === 'scheduledTime')) {
    problems.push({ field: 'scheduledTime', message: 'A loop needs the start of its first session: scheduledTime.' });
  }
  if (!request.common.request || !spec.loop || problems.length > 0) throw new InputValidationError(problems);
  const loopSpec = spec.loop;
  const firstStart = request.common.request.scheduledTime!;
  const fingerprint = props.idempotencyKey ? fingerprintRequest({ plan: 'loop', input: props.input }) : null;
  const workspace = await resolvePlanWorkspace(context, props.actor, request.common, peopleOfLoop(loopSpec));
  const calendars = await readPlanCalendars(
    context,
    peopleOfLoop(loopSpec),
    loopSpan(loopSpec, firstStart),
    workspaceColumns(workspace.workspace),
  );
  try {
    const result = await inTransaction(context, async (manager) => {
      if (props.idempotencyKey) {
        // A key first used for anything else (an interview, a change) names that request, not this one.
        await requireKeyNamesThisRequest(manager, props.idempotencyKey, { action: 'schedule_loop', fingerprint });
        const earlier = await manager.findOneBy(Loop, { idempotencyKey: props.idempotencyKey });
        if (earlier) return replay(manager, earlier, fingerprint);
      }
      const plan = await planLoopIn(manager, loopSpec, firstStart, { calendars });
      if (!plan.fits && !request.allowConflicts) throw busyError(plan.busy);
      const { loop, sessions } = await storeLoop(withinTransaction(context, manager), manager, {
        commonInput: request.commonInput,
        sessions: plan.sessions.map((session, index) => ({
          ...session,
          title: loopSpec.sessions[index].title,
          durationMinutes: loopSpec.sessions[index].durationMinutes,
        })),
        maxGapMinutes: loopSpec.maxGapMinutes,
        actor: props.actor,
        idempotencyKey: props.idempotencyKey ?? null,
        fingerprint,
        bookPeople: plan.fits,
        workspace,
      });
      if (props.idempotencyKey) {
        await recordRequestKeyUse(manager, props.idempotencyKey, { action: 'schedule_loop', targetId: loop.id, fingerprint }, now);
      }
      return { loop, sessions, created: true };
    });
    if (result.created) deliveriesQueued(context);
    return result;
  } catch (error) {
    if (context.transaction) throw error;
    if (isInterviewerOverlap(error)) {
      const plan = await context.database.read((manager) => planLoopIn(manager, loopSpec, firstStart, { calendars }));
      throw busyError(plan.busy);
    }
    if (props.idempotencyKey && isUniqueViolation(error)) {
      const earlier = await context.database.read(async (manager) => {
        const loop = await manager.findOneBy(Loop, { idempotencyKey: props.idempotencyKey });
        return loop ? replay(manager, loop, fingerprint) : null;
      });
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** A loop to store, its sessions' times and people decided (planLoopAt, or a booking link's free time). */
export interface LoopToStore {
  /** The fields every session shares (candidate, role, channel…), as scheduleInterview reads them. */
  commonInput: Record<string, unknown>;
  sessions: Array<PlannedSession & { title: string; durationMinutes: number }>;
  maxGapMinutes: number;
  actor: Actor;
  idempotencyKey: string | null;
  fingerprint: string | null;
  /** True when everyone is free: their time is booked (on PostgreSQL, the schema refuses an overlap). False with allowConflicts. */
  bookPeople: boolean;
  /** Set when a candidate's pick of a booking link makes the loop: its first session takes the request's id and slot. */
  booking?: InterviewFromBooking;
  /** The workspace, resolved before the caller's transaction. */
  workspace?: WorkspaceResolution;
}

/**
 * Stores the loop and one interview per session (each through scheduleInterview: its own join
 * link and all of R1–R5), then queues the loop's one candidate email and one channel message.
 * Runs inside the caller's transaction (`inside` is the context within it).
 */
export async function storeLoop(inside: DomainContext, manager: EntityManager, toStore: LoopToStore): Promise<LoopWithSessions> {
  const now = inside.now();
  const loop = manager.create(Loop, {
    id: uuidv4(),
    status: LoopStatus.Scheduled,
    maxGapMinutes: toStore.maxGapMinutes,
    idempotencyKey: toStore.idempotencyKey,
    requestFingerprint: toStore.fingerprint,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await insertRows(manager, Loop, loop);
  const sessions: Interview[] = [];
  for (const [index, session] of toStore.sessions.entries()) {
    const booking = toStore.booking && {
      ...toStore.booking,
      interviewId: index === 0 ? toStore.booking.interviewId : uuidv4(),
      pickedPlanSlotId: index === 0 ? toStore.booking.pickedPlanSlotId : undefined,
    };
    const { interview } = await scheduleInterview(inside, {
      input: {
        ...toStore.commonInput,
        scheduledTime: session.startsAt.toISOString(),
        durationMinutes: session.durationMinutes,
        interviewers: session.interviewers,
      },
      actor: toStore.actor,
      ...(booking ? { booking } : {}),
      ...(toStore.workspace ? { workspace: toStore.workspace } : {}),
      plan: { poolPicks: storedPicks(session.picks), loop: { loopId: loop.id, sessionTitle: session.title } },
    });
    if (toStore.bookPeople) await bookInterviewers(manager, interview);
    sessions.push(interview);
  }
  await queueLoopDeliveries(manager, sessions[0], 'scheduled', now);
  return { loop, sessions };
}

/** Whether the loop fits at `firstStart`, with each session's time and people. */
export async function planLoopIn(
  manager: EntityManager,
  spec: LoopSpec,
  firstStart: Date,
  options: { ignoreInterviewIds?: readonly string[]; calendars?: ReadonlyMap<string, CalendarReading> } = {},
) {
  const planPeople = await planPeopleAt(manager, peopleOfLoop(spec), loopSpan(spec, firstStart), options);
  return planLoopAt({ sessions: spec.sessions, maxGapMinutes: spec.maxGapMinutes, firstStart, people: planPeople });
}

/** Everyone a loop names, pool members included, each once. */
function peopleOfLoop(spec: LoopSpec): string[] {
  return [...new Set(spec.sessions.flatMap((session) => peopleOfPanel(session.interviewers)))];
}

/** From the first start to the latest the last session could end (every gap at its longest). */
function loopSpan(spec: LoopSpec, firstStart: Date): { from: Date; to: Date } {
  const longest = spec.sessions.reduce((sum, session) => sum + session.durationMinutes + spec.maxGapMinutes, 0);
  return { from: firstStart, to: new Date(firstStart.getTime() + longest * MINUTE_MS) };
}

async function replay(manager: EntityManager, earlier: Loop, fingerprint: string | null): Promise<ScheduleLoopResult> {
  if (earlier.requestFingerprint !== fingerprint) throw new IdempotencyConflictError(earlier.id);
  return { loop: earlier, sessions: await findLoopSessions(manager, earlier.id), created: false };
}

import { v4 as uuidv4 } from 'uuid';
import { In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { AvailabilitySlot } from '../slots/AvailabilitySlot';
import { BookingRequest } from './BookingRequest';
import { BookingRequestSlot } from './BookingRequestSlot';
import type { Interviewer } from '../shared/participants';
import { insertRows } from '../../db/insertRows';
import { describeOffer, type BookingOffer } from './bookingOffers';
import { buildBookingLink, generateBookingToken } from './bookingLink';
import { planDeliveriesForNewBookingRequest, queueBookingRequestDeliveries } from './bookingRequestDeliveries';
import { checkBookingRequestInput, checkSlotsCanBeOffered, type BookingRequestInput } from './bookingRequestInput';
import { BookingRequestStatus } from './bookingRequestStatus';
import { bookingLinkExpiresAt, DEFAULT_BOOKING_LINK_EXPIRES_HOURS } from './bookingWindow';
import type { DomainContext } from '../shared/domainContext';
import type { Actor } from '../shared/actor';
import { IdempotencyConflictError, InputValidationError, type FieldProblem } from '../shared/errors';
import { fingerprintRequest, isShowableName } from '../interviews/interviewInput';
import { isSlackUserId, normalizedEmailAddress } from '../shared/participants';
import { recordRequestKeyUse, requireKeyNamesThisCreation, type KeyedRequest } from '../shared/requestKeys';
import { isWithinScope, resolveWorkspace, workspaceColumns, workspaceWithSlots } from '../workspaces/slackWorkspace';
import { scopeOfActor } from '../shared/actor';
import { type SlackWorkspaceRef, type WorkspaceScope } from '../shared/slackWorkspaces';
import { NoFreeTimesError } from '../shared/errors';
import type { TimeRange } from '../calendars/freeTimes';
import { spreadOverDays } from '../calendars/spreadOverDays';
import { readSearchWindow } from '../freeTimes/freeTimesInput';
import { findPanelFreeTimes } from '../freeTimes/panelFreeTimes';
import { findPlanFreeTimes, peopleOfPlan } from '../freeTimes/planFreeTimes';
import { DEFAULT_DURATION_MINUTES } from '../shared/interviewDuration';
import { checkScheduledTimeIsBookable } from '../shared/scheduledTime';

export interface RequestCandidateBookingProps {
  /**
   * What the person asked for, unchecked: an API body, or the modal's values read into the same
   * shape (`candidateName`, `candidateEmail`, … and `slotIds`, the slots to offer). Checked here by
   * the same rules as an interview's, every problem named at once.
   */
  input: unknown;
  /** Who is asking: a Slack user or the API. */
  actor: Actor;
  /** Makes a retried request return the booking request it created the first time: the API's Idempotency-Key, or the Slack view's id. */
  idempotencyKey?: string;
}

export interface RequestCandidateBookingResult {
  offer: BookingOffer;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/**
 * Offers a candidate some open availability slots to pick from, instead of a time. Checks the
 * input (every bad field in one answer; 1 to MAX_OFFERED_SLOTS slots, each free and bookable), then in one
 * transaction stores the request with its link and queues the candidate's "pick your time"
 * email, the channel's "waiting" message, a nudge and the expiry. No interview exists until the
 * candidate picks (see bookOfferedSlot).
 */
export async function requestCandidateBooking(
  context: DomainContext,
  props: RequestCandidateBookingProps,
): Promise<RequestCandidateBookingResult> {
  const checked = checkBookingRequestInput(props.input);
  const fingerprint = checked.request && props.idempotencyKey ? fingerprintRequest(checked.request) : null;
  const keyedRequest: KeyedRequest = { action: 'request_candidate_booking', fingerprint };
  if (checked.request && props.idempotencyKey) {
    await requireKeyNamesThisCreation(context, props.idempotencyKey, keyedRequest);
    const earlier = await replayEarlierRequest(context, props.idempotencyKey, fingerprint);
    if (earlier) return earlier;
  }
  const scope = scopeOfActor(props.actor);
  const slots = checked.slotIds.length > 0 ? await context.database.read((manager) => findSlots(manager, checked.slotIds, scope)) : [];
  const slotProblem = checked.slotIds.length > 0 ? checkSlotsCanBeOffered(checked.slotIds, slots, context.now()) : null;
  const { workspace, problem: workspaceProblem } = await resolveWorkspace(
    context,
    props.actor,
    checked.slackWorkspace,
    checked.meantForSlack,
  );
  const withSlots = workspaceProblem || slotProblem ? null : workspaceWithSlots(workspace, slots, 'slotIds');
  const problems = [
    ...checked.problems,
    ...[slotProblem, workspaceProblem, withSlots?.problem].filter((problem): problem is FieldProblem => Boolean(problem)),
  ];
  if (!checked.request || !withSlots || problems.length > 0) {
    throw new InputValidationError(problems);
  }
  const request = checked.request;
  const requestWorkspace = withSlots.workspace;
  const freeTimes = request.findTimes ? await findTimesToOffer(context, request, requestWorkspace) : undefined;
  const names = await lookUpNames(context, requestWorkspace, request, slots);
  try {
    const offer = await context.database.transaction(async (manager) => {
      const stored = await storeInTransaction(manager, context, props, request, requestWorkspace, names, fingerprint, freeTimes);
      if (props.idempotencyKey) {
        await recordRequestKeyUse(
          manager,
          props.idempotencyKey,
          { ...keyedRequest, targetId: stored.request.id },
          stored.request.createdAt,
        );
      }
      return stored;
    });
    context.onDeliveriesQueued();
    return { offer, created: true };
  } catch (error) {
    if (props.idempotencyKey && isUniqueViolation(error)) {
      // A retry that raced its first attempt: the first one holds the key now; or another
      // request took the key first, and this one is refused.
      await requireKeyNamesThisCreation(context, props.idempotencyKey, keyedRequest);
      const earlier = await replayEarlierRequest(context, props.idempotencyKey, fingerprint);
      if (earlier) return earlier;
    }
    throw error;
  }
}

async function storeInTransaction(
  manager: EntityManager,
  context: DomainContext,
  props: RequestCandidateBookingProps,
  input: BookingRequestInput,
  workspace: SlackWorkspaceRef | null,
  names: Map<string, string>,
  fingerprint: string | null,
  freeTimes: TimeToOffer[] | undefined,
): Promise<BookingOffer> {
  const now = context.now();
  const requestId = uuidv4();
  const slots = freeTimes
    ? freeTimeSlots(manager, requestId, workspace, props.actor, freeTimes, now)
    : await findSlots(manager, input.slotIds, scopeOfActor(props.actor));
  const slotProblem = freeTimes
    ? null
    : (checkSlotsCanBeOffered(input.slotIds, slots, now) ?? workspaceWithSlots(workspace, slots, 'slotIds').problem);
  if (slotProblem) throw new InputValidationError([slotProblem]);
  const slotIds = freeTimes ? slots.map((slot) => slot.id) : input.slotIds;
  const { candidate } = input;
  const token = generateBookingToken();
  const request = manager.create(BookingRequest, {
    id: requestId,
    token,
    bookingLink: buildBookingLink(context.publicBaseUrl, token),
    status: BookingRequestStatus.Open,
    candidateName: candidate.candidateName,
    candidateEmail: candidate.candidateEmail,
    candidateEmailNormalized: normalizedEmailAddress(candidate.candidateEmail),
    role: candidate.role ?? null,
    durationMinutes: candidate.durationMinutes ?? null,
    timezone: candidate.timezone,
    interviewers: candidate.interviewers.map((interviewer) => withName(interviewer, names)),
    notes: candidate.notes ?? null,
    meetingUrl: candidate.meetingUrl ?? null,
    organizerSlackUserId: props.actor.kind === 'slack' ? props.actor.userId : null,
    ...workspaceColumns(workspace),
    channelId: candidate.channelId ?? null,
    slackMessageChannelId: null,
    slackMessageTs: null,
    expiresAt: bookingLinkExpiresAt(now, context.bookingLinkExpiresHours ?? DEFAULT_BOOKING_LINK_EXPIRES_HOURS),
    interviewId: null,
    closedAt: null,
    closedBy: null,
    plan: input.plan ? { ...input.plan, names: Object.fromEntries(names) } : null,
    idempotencyKey: props.idempotencyKey ?? null,
    requestFingerprint: fingerprint,
    createdAt: now,
    updatedAt: now,
  });
  await insertRows(manager, BookingRequest, request);
  if (freeTimes) await insertRows(manager, AvailabilitySlot, slots);
  const slotById = new Map(slots.map((slot) => [slot.id, slot]));
  await insertRows(
    manager,
    BookingRequestSlot,
    slotIds.map((slotId, position) => ({
      bookingRequestId: request.id,
      slotId,
      position,
      interviewerName: names.get(slotById.get(slotId)!.interviewer) ?? null,
    })),
  );
  const deliveries = planDeliveriesForNewBookingRequest(
    request,
    slots.map((slot) => slot.startsAt),
  );
  await queueBookingRequestDeliveries(manager, request, deliveries, now);
  return describeOffer(manager, request, now);
}

/** Enough to find every free start in the longest window (60 days of 5-minute steps), so the offer can be spread over its days. */
const EVERY_FREE_START = 20_000;

/** One time a `findTimes` request offers: when it starts and ends (a loop's whole span), and who holds it. */
interface TimeToOffer extends TimeRange {
  /** The first person of its first session: the slot's interviewer. */
  heldBy: string;
}

/**
 * The free times a `findTimes` request offers (`count` of them): the panel's, spread over the
 * days with free time in the candidate's zone (spreadOverDays), or its plan's (pools picked, a
 * loop's sessions laid out; earliest first), read before the transaction: the calendars answer
 * over the network. None at all is a `NoFreeTimesError` with each calendar's state.
 */
async function findTimesToOffer(
  context: DomainContext,
  request: BookingRequestInput,
  workspace: SlackWorkspaceRef | null,
): Promise<TimeToOffer[]> {
  const findTimes = request.findTimes!;
  const problems: FieldProblem[] = [];
  const now = context.now();
  const window = readSearchWindow(findTimes, request.candidate.timezone, now, problems, 'findTimes.');
  if (!window) throw new InputValidationError(problems);
  // Only times the candidate can book are offered: R1's limits, as for a slot (a search starting over a year ahead is refused).
  const tooFar = window.from > now ? checkScheduledTimeIsBookable(window.from, now, 'findTimes.from') : null;
  if (tooFar) throw new InputValidationError([tooFar]);
  const bookable = (time: { startsAt: Date }) => checkScheduledTimeIsBookable(time.startsAt, now) === null;
  const search = { from: window.from, to: window.to, timezone: request.candidate.timezone, limit: findTimes.count };
  if (request.plan) {
    const answer = await findPlanFreeTimes(context, {
      ...search,
      limit: EVERY_FREE_START,
      plan: request.plan,
      workspace: workspaceColumns(workspace),
    });
    const times = answer.times.filter(bookable);
    if (times.length === 0) throw new NoFreeTimesError(answer.calendars);
    return spreadOverDays(times, findTimes.count, request.candidate.timezone).map((time) => ({
      startsAt: time.startsAt,
      endsAt: time.endsAt,
      heldBy: time.sessions[0].interviewers[0],
    }));
  }
  const first = request.candidate.interviewers[0];
  const answer = await findPanelFreeTimes(context, {
    ...search,
    interviewers: request.candidate.interviewers.map((person) => (person.slackUserId ?? person.email)!),
    durationMinutes: request.candidate.durationMinutes ?? DEFAULT_DURATION_MINUTES,
    limit: EVERY_FREE_START,
    workspace: workspaceColumns(workspace),
  });
  const freeTimes = answer.freeTimes.filter(bookable);
  if (freeTimes.length === 0) throw new NoFreeTimesError(answer.calendars);
  return spreadOverDays(freeTimes, findTimes.count, request.candidate.timezone).map((time) => ({
    ...time,
    heldBy: (first.slackUserId ?? first.email)!,
  }));
}

/** A slot per free time, as long as the interview (or the whole loop), held by its first interviewer and offered by this request alone. */
function freeTimeSlots(
  manager: EntityManager,
  requestId: string,
  workspace: SlackWorkspaceRef | null,
  actor: Actor,
  freeTimes: TimeToOffer[],
  now: Date,
): AvailabilitySlot[] {
  return freeTimes.map((time) =>
    manager.create(AvailabilitySlot, {
      id: uuidv4(),
      startsAt: time.startsAt,
      durationMinutes: Math.round((time.endsAt.getTime() - time.startsAt.getTime()) / 60_000),
      interviewer: time.heldBy,
      createdBySlackUserId: actor.kind === 'slack' ? actor.userId : null,
      ...workspaceColumns(workspace),
      bookedInterviewId: null,
      forBookingRequestId: requestId,
      createdAt: now,
    }),
  );
}

/** The slots with these ids that the requester may offer; any other counts as unknown. */
async function findSlots(manager: EntityManager, slotIds: string[], scope: WorkspaceScope): Promise<AvailabilitySlot[]> {
  const slots = await manager.findBy(AvailabilitySlot, { id: In(slotIds) });
  return slots.filter((slot) => isWithinScope(slot, scope));
}

/** The names the people directory knows for the Slack users on the request and its slots, fit to show. */
async function lookUpNames(
  context: DomainContext,
  workspace: SlackWorkspaceRef | null,
  input: BookingRequestInput,
  slots: AvailabilitySlot[],
): Promise<Map<string, string>> {
  const identities = [
    ...input.candidate.interviewers.map((person) => person.slackUserId ?? ''),
    ...slots.map((slot) => slot.interviewer),
    ...(input.plan ? peopleOfPlan(input.plan) : []),
  ];
  const slackUserIds = [...new Set(identities.filter(isSlackUserId))];
  if (!context.peopleDirectory || slackUserIds.length === 0) return new Map();
  const found = await context.peopleDirectory.displayNames(workspaceColumns(workspace), slackUserIds);
  const names = new Map<string, string>();
  for (const [slackUserId, name] of found) {
    if (isShowableName(name)) names.set(slackUserId, name.trim());
  }
  return names;
}

function withName(interviewer: Interviewer, names: Map<string, string>): Interviewer {
  const name = interviewer.slackUserId ? names.get(interviewer.slackUserId) : undefined;
  return name ? { ...interviewer, name } : interviewer;
}

async function replayEarlierRequest(
  context: DomainContext,
  idempotencyKey: string,
  fingerprint: string | null,
): Promise<RequestCandidateBookingResult | null> {
  const offer = await context.database.read(async (manager) => {
    const earlier = await manager.findOneBy(BookingRequest, { idempotencyKey });
    return earlier ? describeOffer(manager, earlier, context.now()) : null;
  });
  if (!offer) return null;
  if (offer.request.requestFingerprint !== fingerprint) {
    throw new IdempotencyConflictError(offer.request.id);
  }
  return { offer, created: false };
}

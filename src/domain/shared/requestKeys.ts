import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { RequestKey } from './RequestKey';
import { insertRows } from '../../db/insertRows';
import type { DomainContext } from './domainContext';
import { IdempotencyConflictError } from './errors';

/**
 * What a request key was first used to do: the command, by the name the `request_key` table keeps.
 * A union of those names rather than an enum: each command names its own action once, and a name
 * that is not one of them does not compile.
 */
export type RequestAction =
  | 'schedule_interview'
  | 'reschedule_interview'
  | 'cancel_interview'
  | 'resend_invitation'
  | 'rotate_join_link'
  | 'request_candidate_booking'
  | 'cancel_booking_request'
  | 'resend_booking_link'
  | 'set_meeting_url'
  | 'schedule_loop'
  | 'move_loop'
  | 'cancel_loop';

/** A request key's one use: an action on one interview or booking request (for a creation, the one it created). */
export interface RequestKeyUse {
  action: RequestAction;
  targetId: string;
  /** What the request asked, as a hash (`fingerprintRequest`), when it carried a body. */
  fingerprint?: string | null;
}

/** A request as it arrives, to be checked against its key's first use: the target is left out for a creation, which has none yet. */
export interface KeyedRequest {
  action: RequestAction;
  targetId?: string;
  fingerprint?: string | null;
}

/**
 * A request key (an API client's Idempotency-Key, `api:…`; a Slack action's or view's id) names
 * one request, whatever its target: the same key sent again is that request retried, answered as
 * the first time by the command that made it; sent for another action or another interview or
 * booking request, it is refused (IdempotencyConflictError) and nothing changes. Each key's first
 * use is stored once (`request_key`, keyed by the key), in the transaction of the change it made.
 */
export async function findRequestKeyUse(manager: EntityManager, key: string): Promise<RequestKeyUse | null> {
  const found = await manager.findOneBy(RequestKey, { key });
  return found ? { action: found.action, targetId: found.targetId, fingerprint: found.fingerprint } : null;
}

/**
 * Refuses `key` when its first use was another action, the same action on another target, or the
 * same with another body. Returns the first use, or null for a key never used: the caller then
 * records it with `recordRequestKeyUse`.
 */
export async function requireKeyNamesThisRequest(
  manager: EntityManager,
  key: string,
  request: KeyedRequest,
): Promise<RequestKeyUse | null> {
  const firstUse = await findRequestKeyUse(manager, key);
  if (firstUse && !isSameRequest(firstUse, request)) {
    throw new IdempotencyConflictError(firstUse.targetId);
  }
  return firstUse;
}

function isSameRequest(firstUse: RequestKeyUse, request: KeyedRequest): boolean {
  if (firstUse.action !== request.action) return false;
  if (request.targetId !== undefined && firstUse.targetId !== request.targetId) return false;
  return !firstUse.fingerprint || !request.fingerprint || firstUse.fingerprint === request.fingerprint;
}

/** The same check, outside a transaction: before a creation's work, and after it lost a race for its key. */
export function requireKeyNamesThisCreation(context: DomainContext, key: string, request: KeyedRequest): Promise<RequestKeyUse | null> {
  return context.database.read((manager) => requireKeyNamesThisRequest(manager, key, request));
}

/**
 * Stores the key's first use, in the transaction of the change. Two requests with one key at the
 * same moment cannot both store it (the key is the primary key): the second fails with a unique
 * violation, undoing its change, and is run again by `runClaimingRequestKey`.
 */
export async function recordRequestKeyUse(manager: EntityManager, key: string, use: RequestKeyUse, now: Date): Promise<void> {
  await insertRows(manager, RequestKey, {
    key,
    action: use.action,
    targetId: use.targetId,
    fingerprint: use.fingerprint ?? null,
    createdAt: now,
  });
}

/**
 * Runs a keyed change; when it lost the race for its key to a concurrent request (its transaction
 * was undone by a unique violation), runs it once more, now seeing the winner's use of the key: a
 * retry of the same request is answered as a replay, a reuse for another target refused.
 */
export async function runClaimingRequestKey<T>(key: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (key !== undefined && isUniqueViolation(error)) return run();
    throw error;
  }
}

/** What a change command's request says besides its target: under which key, with which body. */
export interface ChangeRequestKey {
  /** An API Idempotency-Key or a Slack action's or view's id: the same key again is answered as the first time. */
  requestKey?: string;
  /** What the request asked, as a hash (`fingerprintRequest`): the key sent with another request is refused. */
  requestFingerprint?: string;
}

/** A change's request key, checked against its first use in the change's transaction (`checkChangeKey`). */
export interface CheckedChangeKey {
  /** The key's first use when this request is a retry of one already seen; null for a new key, or none. */
  firstUse: RequestKeyUse | null;
  /** Stores this use of the key with the change, when there is a key and it was never used. */
  record(now: Date): Promise<void>;
}

/**
 * The request key of a change to one interview or loop (`action` on `targetId`), in the change's
 * transaction: refused if it named another request (requireKeyNamesThisRequest), and recorded by
 * `record` once the change has passed its own checks.
 */
export async function checkChangeKey(
  manager: EntityManager,
  request: ChangeRequestKey,
  action: RequestAction,
  targetId: string,
): Promise<CheckedChangeKey> {
  const { requestKey } = request;
  const use: RequestKeyUse = { action, targetId, fingerprint: request.requestFingerprint };
  const firstUse = requestKey ? await requireKeyNamesThisRequest(manager, requestKey, use) : null;
  return {
    firstUse,
    record: async (now) => {
      if (requestKey && !firstUse) await recordRequestKeyUse(manager, requestKey, use, now);
    },
  };
}

/**
 * The frame of a keyed change: `change` runs in one transaction, once more if it lost the race for
 * its request key (runClaimingRequestKey), and once it has committed having queued deliveries,
 * the outbox is woken (`onDeliveriesQueued`).
 */
export async function runKeyedChange<Result>(
  context: DomainContext,
  requestKey: string | undefined,
  change: (manager: EntityManager) => Promise<{ result: Result; queued: boolean }>,
): Promise<Result> {
  let queued = false;
  const result = await runClaimingRequestKey(requestKey, () =>
    context.database.transaction(async (manager) => {
      const done = await change(manager);
      queued = done.queued;
      return done.result;
    }),
  );
  if (queued) context.onDeliveriesQueued();
  return result;
}

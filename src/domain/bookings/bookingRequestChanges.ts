import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { BookingRequest } from './BookingRequest';
import { findOfferedInterviewers } from './bookingOffers';
import { isBookingRequestId } from './bookingRequestQueries';
import type { Actor } from '../shared/actor';
import { BookingRequestNotFoundError, NotAllowedError } from '../shared/errors';
import { mayChangeInterview } from '../interviews/interviewChanges';
import { toInterviewers } from '../shared/participants';
import { isWithinScope } from '../workspaces/slackWorkspace';

/** Loads a booking request to change it, locking its row on PostgreSQL (SQLite runs one change at a time). */
export async function loadBookingRequestForChange(
  manager: EntityManager,
  database: Database,
  where: { id: string } | { token: string },
): Promise<BookingRequest | null> {
  return manager.findOne(BookingRequest, {
    where,
    ...(database.dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** The same, by id, for the hiring team's commands: an unknown id is a `BookingRequestNotFoundError`. */
export async function requireBookingRequestForChange(manager: EntityManager, database: Database, id: string): Promise<BookingRequest> {
  const request = isBookingRequestId(id) ? await loadBookingRequestForChange(manager, database, { id }) : null;
  if (!request) throw new BookingRequestNotFoundError();
  return request;
}

/**
 * Who may withdraw a request or resend its link: the API, the person who sent it, its
 * interviewers and the interviewers whose slots it offers, by the same rule as an interview's.
 */
export async function assertMayChangeBookingRequest(manager: EntityManager, request: BookingRequest, actor: Actor): Promise<void> {
  if (actor.kind === 'slack' && !isWithinScope(request, actor.scope)) {
    throw new NotAllowedError('This booking request belongs to another Slack workspace; only people there can change it.');
  }
  const offeredBy = toInterviewers(await findOfferedInterviewers(manager, request));
  if (
    !mayChangeInterview(
      {
        organizerSlackUserId: request.organizerSlackUserId,
        interviewers: [...request.interviewers, ...offeredBy],
        slackTeamId: request.slackTeamId,
        slackEnterpriseId: request.slackEnterpriseId,
      },
      actor,
    )
  ) {
    throw new NotAllowedError('Only the person who sent this booking link and its interviewers can change it.');
  }
}

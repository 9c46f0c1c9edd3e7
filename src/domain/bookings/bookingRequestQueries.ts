import { Brackets } from 'typeorm';
import { BookingRequest } from './BookingRequest';
import { describeOffer, type BookingOffer } from './bookingOffers';
import { isWellFormedBookingToken } from './bookingLink';
import { BookingRequestStatus } from './bookingRequestStatus';
import { isForgottenBookingLink } from './bookingWindow';
import type { DomainContext } from '../shared/domainContext';
import { BookingRequestNotFoundError } from '../shared/errors';
import { decodeCursor } from '../interviews/interviewQueries';
import { takePage } from '../shared/pageCursor';
import { normalizedEmailAddress } from '../shared/participants';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string that could be a booking request's id; anything else names none. */
export function isBookingRequestId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function findBookingRequestById(context: DomainContext, id: string): Promise<BookingOffer> {
  if (!isBookingRequestId(id)) throw new BookingRequestNotFoundError();
  return context.database.read(async (manager) => {
    const request = await manager.findOneBy(BookingRequest, { id });
    if (!request) throw new BookingRequestNotFoundError();
    return describeOffer(manager, request, context.now());
  });
}

/** Looked up in place of a malformed token, so every answer costs one indexed query. */
const NEVER_ISSUED_TOKEN = '-';

/**
 * The booking request a link opens, as it stands now, or null for any token that opens nothing:
 * unknown, malformed, or closed long ago. Malformed tokens cost the same lookup as well-formed
 * ones, so timing does not tell them apart.
 */
export async function findBookingOfferByToken(context: DomainContext, token: unknown): Promise<BookingOffer | null> {
  const lookedUp = isWellFormedBookingToken(token) ? token : NEVER_ISSUED_TOKEN;
  const now = context.now();
  return context.database.read(async (manager) => {
    const request = await manager.findOneBy(BookingRequest, { token: lookedUp });
    if (!request || isForgottenBookingLink(request, now)) return null;
    return describeOffer(manager, request, now);
  });
}

export interface BookingRequestListFilter {
  /** As the requests read now: an open request that has run out counts as expired. */
  status?: BookingRequestStatus;
  channelId?: string;
  candidateEmail?: string;
  /** Only one Slack workspace's requests. */
  slackTeamId?: string;
  limit: number;
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor?: string;
}

export interface BookingRequestPage {
  offers: BookingOffer[];
  nextCursor: string | null;
}

/**
 * Newest first, filtered, paginated by a cursor. The status filter is applied to each request as
 * it reads now, so a page may hold fewer than `limit` while `nextCursor` still leads on.
 */
export async function listBookingRequests(context: DomainContext, filter: BookingRequestListFilter): Promise<BookingRequestPage> {
  const now = context.now();
  return context.database.read(async (manager) => {
    const query = manager.createQueryBuilder(BookingRequest, 'request');
    if (filter.status === BookingRequestStatus.Open) {
      query.andWhere('request.status = :open AND request.expiresAt > :now', { open: BookingRequestStatus.Open, now });
    } else if (filter.status === BookingRequestStatus.Expired) {
      query.andWhere(
        new Brackets((either) =>
          either.where('request.status = :expired', { expired: BookingRequestStatus.Expired }).orWhere('request.status = :open', {
            open: BookingRequestStatus.Open,
          }),
        ),
      );
    } else if (filter.status) {
      query.andWhere('request.status = :status', { status: filter.status });
    }
    if (filter.channelId) query.andWhere('request.channelId = :channelId', { channelId: filter.channelId });
    if (filter.slackTeamId) query.andWhere('request.slackTeamId = :slackTeamId', { slackTeamId: filter.slackTeamId });
    if (filter.candidateEmail) {
      query.andWhere('request.candidateEmailNormalized = :candidateEmail', {
        candidateEmail: normalizedEmailAddress(filter.candidateEmail),
      });
    }
    const position = filter.cursor ? decodeCursor(filter.cursor) : null;
    if (position) query.andWhere('(request.createdAt, request.id) < (:createdAt, :id)', position);
    const rows = await query
      .orderBy('request.createdAt', 'DESC')
      .addOrderBy('request.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
    const { page, nextCursor } = takePage(rows, filter.limit, (request) => request);
    const offers: BookingOffer[] = [];
    for (const request of page) offers.push(await describeOffer(manager, request, now));
    return { offers: filter.status ? offers.filter((offer) => offer.state === filter.status) : offers, nextCursor };
  });
}

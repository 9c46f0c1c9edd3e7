import express, { Router, type Request } from 'express';
import { bookOfferedSlot } from '../../domain/bookings/bookOfferedSlot';
import { findBookingOfferByToken } from '../../domain/bookings/bookingRequestQueries';
import { BookingRequestStatus } from '../../domain/bookings/bookingRequestStatus';
import type { DomainContext } from '../../domain/shared/domainContext';
import { isKnownTimeZone } from '../../domain/shared/timeZones';
import {
  BOOKING_PAGE_CONTENT_SECURITY_POLICY,
  renderBookingNotFoundPage,
  renderBookingPage,
  renderCrossSiteRefusalPage,
  type BookingPageNotice,
} from '../../presenters/bookingPage';
import type { BookingOffer } from '../../domain/bookings/bookingOffers';
import { withOnlyTimesStillFree } from '../../domain/bookings/freeTimeOffers';
import { LRUCache } from 'lru-cache';

/** How long the page may show the panel's free times as last checked against the calendars (PRODUCT.md: at most 60 s). */
const FREE_TIMES_RECHECK_MS = 60_000;

/** A booking form carries a token, a slot id and a zone; anything much bigger is not one. */
const FORM_BODY_LIMIT = '2kb';

/**
 * `GET /book/?token=…` shows the candidate the offered times still open; `POST /book/` books
 * one. A GET never changes anything (mail scanners open links first). Unknown, malformed and
 * long-closed tokens all get the same plain 404.
 */
export function bookingPageRoutes(context: DomainContext): Router {
  const router = Router();
  const publicOrigin = new URL(context.publicBaseUrl).origin;
  const recentlyChecked = new LRUCache<string, Set<string>>({ max: 5_000, ttl: FREE_TIMES_RECHECK_MS });
  /** The offer with only the free times still free, as checked within the last minute (or now). */
  const withTimesStillFree = async (offer: BookingOffer): Promise<BookingOffer> => {
    if (offer.state !== BookingRequestStatus.Open || !offer.openSlots.some((slot) => slot.fromFreeTimes)) return offer;
    let stillOpen = recentlyChecked.get(offer.request.id);
    if (!stillOpen) {
      stillOpen = new Set((await withOnlyTimesStillFree(context, offer)).openSlots.map((slot) => slot.id));
      recentlyChecked.set(offer.request.id, stillOpen);
    }
    const known = stillOpen;
    return { ...offer, openSlots: offer.openSlots.filter((slot) => known.has(slot.id)) };
  };

  router.get('/book/', async (request, response) => {
    response.set(PAGE_HEADERS);
    const offer = await findBookingOfferByToken(context, request.query.token);
    if (!offer) {
      response.status(404).type('html').send(renderBookingNotFoundPage());
      return;
    }
    sendPage(response, await withTimesStillFree(offer), zoneFor(request.query.zone, offer));
  });

  router.post('/book/', express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 10 }), async (request, response) => {
    response.set(PAGE_HEADERS);
    if (isCrossSiteFormPost(request, publicOrigin)) {
      response.status(403).type('html').send(renderCrossSiteRefusalPage());
      return;
    }
    const form = (request.body ?? {}) as Record<string, unknown>;
    const attempt = await bookOfferedSlot(context, { token: form.token, slotId: form.slotId });
    switch (attempt.outcome) {
      case 'booked':
        response.redirect(303, attempt.interview.joinLink);
        return;
      case 'slot_taken':
        sendPage(response, attempt.offer, zoneFor(form.zone, attempt.offer), 409, 'slot_taken');
        return;
      case 'time_now_busy':
        recentlyChecked.set(attempt.offer.request.id, new Set(attempt.offer.openSlots.map((slot) => slot.id)));
        sendPage(response, attempt.offer, zoneFor(form.zone, attempt.offer), 409, 'time_now_busy');
        return;
      case 'not_offered':
        sendPage(response, attempt.offer, zoneFor(form.zone, attempt.offer), 400, 'pick_a_time');
        return;
      case 'closed':
        sendPage(response, attempt.offer, zoneFor(form.zone, attempt.offer));
        return;
      case 'unknown':
        response.status(404).type('html').send(renderBookingNotFoundPage());
    }
  });

  return router;
}

/**
 * An open link answers 200 (or the status given); a booked one 200 too, with its booked time (the
 * link did its job: it is not gone); a withdrawn or expired one 410, saying what became of it.
 */
function sendPage(response: express.Response, offer: BookingOffer, zone: string, status = 200, notice?: BookingPageNotice): void {
  const open = offer.state === BookingRequestStatus.Open;
  response
    .status(open ? status : offer.state === BookingRequestStatus.Booked ? 200 : 410)
    .type('html')
    .send(renderBookingPage({ offer, zone }, open ? notice : undefined));
}

/** The zone the candidate switched to, when it is one; else the one the hiring team set. */
function zoneFor(requested: unknown, offer: BookingOffer): string {
  return typeof requested === 'string' && requested.length <= 64 && isKnownTimeZone(requested) ? requested : offer.request.timezone;
}

/**
 * The token is the secret that books, so a forged form would need it anyway; still, a browser
 * that says the form came from another site is refused: Sec-Fetch-Site, else the Origin, else the
 * Referer, whose whole origin (scheme, host and port) must be this page's, as the candidate opened
 * it from PUBLIC_BASE_URL or as this request reached the server. Origin is "null", and there is no
 * Referer, for the page's own form, whose Referrer-Policy is no-referrer.
 */
function isCrossSiteFormPost(request: Request, publicOrigin: string): boolean {
  const site = request.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.get('origin');
  const sender = origin !== undefined && origin !== 'null' ? origin : request.get('referer');
  if (sender === undefined) return false;
  const senderOrigin = URL.canParse(sender) ? new URL(sender).origin : null;
  return senderOrigin !== publicOrigin && senderOrigin !== `${request.protocol}://${request.host}`;
}

/** The page may load nothing but its own style and script; the token in its URL never leaks as a Referer. */
const PAGE_HEADERS = {
  'Content-Security-Policy': BOOKING_PAGE_CONTENT_SECURITY_POLICY,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
};

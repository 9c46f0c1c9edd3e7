import escapeHtml from 'escape-html';
import type { BookingOffer, OfferedSlot } from '../domain/bookings/bookingOffers';
import { BookingRequestStatus } from '../domain/bookings/bookingRequestStatus';
import { bookingDeadline } from '../domain/bookings/bookingWindow';
import { InterviewStatus } from '../domain/interviews/interviewStatus';
import { toInterviewers } from '../domain/shared/participants';
import { describeInterviewerForCandidate, describeInterviewersForCandidate } from './interviewers';
import { describeDuration, formatClockInZone, formatDayInZone, formatTimeInZone } from './interviewTime';
import { htmlDocument, pageContentSecurityPolicy, CARD_PAGE_STYLE } from './htmlDocument';
import { describeTimeZone } from './timeZoneLabel';

/** Why the page is shown again after the candidate sent the form. */
export type BookingPageNotice = 'slot_taken' | 'pick_a_time' | 'time_now_busy';

export interface BookingPageView {
  offer: BookingOffer;
  /** The zone the times are shown in: the request's, or the candidate's own when they switched to it. */
  zone: string;
}

const NOTICES: Record<BookingPageNotice, string> = {
  slot_taken: 'Sorry, someone else just booked that time. Please pick another one.',
  pick_a_time: 'Please pick one of the times below.',
  time_now_busy: 'Sorry, that time is no longer free for the interviewers. Please pick another one.',
};

/** When none of the offered times can be confirmed free now (all busy since, or a calendar that cannot be read). */
const NO_TIME_NOW = 'None of the offered times can be confirmed free for the interviewers right now. Please come back to this page later.';

/**
 * The candidate's booking page. Open: the offered times still free, grouped by day in the shown
 * zone, as one radio group and one submit button (a real form that works without JavaScript).
 * Closed: what became of it, with the time and join link once booked. Every stored text is escaped.
 */
export function renderBookingPage(view: BookingPageView, notice?: BookingPageNotice): string {
  const { offer } = view;
  switch (offer.state) {
    case BookingRequestStatus.Open:
      return page('Pick a time for your interview', openContent(view, notice));
    case BookingRequestStatus.Booked:
      return page('Your interview is booked', bookedContent(offer));
    case BookingRequestStatus.Expired:
      return page(
        'This booking link has expired',
        closedContent(
          offer,
          'This booking link has expired',
          'The times offered are no longer available. The hiring team has been told and will be in touch.',
        ),
      );
    case BookingRequestStatus.Cancelled:
      return page(
        'These times were withdrawn',
        closedContent(
          offer,
          'These times were withdrawn',
          'The hiring team withdrew this booking link. They will contact you if they offer new times.',
        ),
      );
  }
}

function openContent(view: BookingPageView, notice: BookingPageNotice | undefined): string {
  const { request } = view.offer;
  const interviewers = describeInterviewersForCandidate(request.interviewers);
  const rows: Array<[string, string]> = [];
  if (request.role) rows.push(['Role', request.role]);
  if (request.durationMinutes) rows.push(['Length', describeDuration(request.durationMinutes)]);
  if (request.plan && request.plan.sessions.length > 1) {
    // A loop: each offered time holds every session, back to back, in this order.
    rows.push([
      'Sessions',
      request.plan.sessions.map((session) => `${session.title} (${describeDuration(session.durationMinutes)})`).join(', '),
    ]);
  }
  if (interviewers.length > 0) rows.push(['With', interviewers.join(', ')]);
  const details =
    rows.length > 0 ? `<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>` : '';
  const alert = notice ? `<p class="notice" role="alert">${NOTICES[notice]}</p>` : '';
  return `<main>
<p class="eyebrow">Hi ${escapeHtml(request.candidateName)}</p>
<h1>Pick a time for your interview</h1>
${details}
${alert}
${zoneLine(view)}
${view.offer.openSlots.length === 0 ? `<p class="notice" role="status">${NO_TIME_NOW}</p>` : ''}
<form method="post" action="./">
<input type="hidden" name="token" value="${escapeHtml(request.token)}">
<input type="hidden" name="zone" value="${escapeHtml(view.zone)}">
${daysOf(view.offer.openSlots, view.zone)
  .map(
    ([day, slots]) => `<fieldset>
<legend>${escapeHtml(day)}</legend>
${slots.map((slot) => slotChoice(slot, view.zone)).join('\n')}
</fieldset>`,
  )
  .join('\n')}
${view.offer.openSlots.length === 0 ? '' : '<button type="submit">Book this time</button>'}
</form>
<h2>What happens next</h2>
<p>As soon as you book, you see your interview page, and we email you an invitation with your join link and a calendar entry. Please pick by ${escapeHtml(
    formatTimeInZone(
      bookingDeadline(
        request.expiresAt,
        view.offer.openSlots.map((slot) => slot.startsAt),
      ),
      view.zone,
    ),
  )}.</p>
</main>
<script>${PAGE_SCRIPT}</script>`;
}

/** Which zone the times are in, and how to switch: to the browser's own (by the script), or back to the one the hiring team set. */
function zoneLine(view: BookingPageView): string {
  const { request } = view.offer;
  const sample = view.offer.openSlots[0]?.startsAt ?? request.expiresAt;
  const shown = escapeHtml(describeTimeZone(view.zone, sample));
  const back =
    view.zone === request.timezone
      ? ''
      : ` <a href="?token=${escapeHtml(request.token)}">Show them in ${escapeHtml(describeTimeZone(request.timezone, sample))}</a>.`;
  return `<p class="zone">Times are shown in ${shown}.${back}</p>
<p class="zone" id="browser-zone" data-shown-zone="${escapeHtml(view.zone)}" hidden><a href="?token=${escapeHtml(request.token)}">Show the times in my own time zone</a></p>`;
}

/** The open slots grouped by their day in the zone, soonest first. */
function daysOf(slots: OfferedSlot[], zone: string): Array<[string, OfferedSlot[]]> {
  const days = new Map<string, OfferedSlot[]>();
  for (const slot of slots) {
    const day = formatDayInZone(slot.startsAt, zone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days];
}

function slotChoice(slot: OfferedSlot, zone: string): string {
  const id = `slot-${slot.id}`;
  const ends = new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000);
  // A free time of the whole panel (named above the form) is not one interviewer's.
  const name = slot.fromFreeTimes ? null : (slot.interviewerName ?? describeInterviewerForCandidate(toInterviewers([slot.interviewer])[0]));
  const details = [describeDuration(slot.durationMinutes), ...(name ? [`with ${name}`] : [])].join(' · ');
  return `<div class="slot"><input type="radio" name="slotId" id="${id}" value="${escapeHtml(slot.id)}" required><label for="${id}"><span class="time">${escapeHtml(formatClockInZone(slot.startsAt, zone))} – ${escapeHtml(formatClockInZone(ends, zone))}</span> <span class="details">${escapeHtml(details)}</span></label></div>`;
}

/** The booked time, and the join link only while it is the one this booking made (see BookingOffer.bookedJoinLink). */
function bookedContent(offer: BookingOffer): string {
  const { interview, bookedJoinLink } = offer;
  const hello = `<p class="eyebrow">Hi ${escapeHtml(offer.request.candidateName)}</p>`;
  if (!interview || interview.status === InterviewStatus.Cancelled) {
    return `<main>${hello}<h1>This interview was cancelled</h1><p class="status">The hiring team cancelled the interview you booked. They will contact you if it is rescheduled.</p></main>`;
  }
  const role = interview.role ? ` for ${escapeHtml(interview.role)}` : '';
  const link = bookedJoinLink
    ? `<p><a class="button" href="${escapeHtml(bookedJoinLink)}">Open your interview page</a></p>
<p class="status">Your invitation, with this link and a calendar entry, is in your email.</p>`
    : `<p class="status">Your link to join was sent to you by email: use the one in the most recent email about this interview. If you cannot find it, ask the hiring team to send it again.</p>`;
  const sessions = (offer.loopSessions ?? []).filter((session) => session.status !== InterviewStatus.Cancelled);
  if (sessions.length > 1) {
    // A loop: its agenda; each session's own join link is in the email.
    return `<main>
${hello}
<h1>Your interviews are booked</h1>
<p>Your interviews${role} start on <strong>${escapeHtml(formatTimeInZone(sessions[0].scheduledTime, interview.timezone))}</strong>:</p>
<ol>${sessions
      .map(
        (session) =>
          `<li><span class="time">${escapeHtml(formatClockInZone(session.scheduledTime, interview.timezone))}</span> ${escapeHtml(session.sessionTitle ?? 'Interview')} (${escapeHtml(describeDuration(session.durationMinutes))})</li>`,
      )
      .join('')}</ol>
<p class="status">Your invitation, with a join link for each interview and a calendar entry, is in your email.</p>
</main>`;
  }
  return `<main>
${hello}
<h1>Your interview is booked</h1>
<p>Your interview${role} is on <strong>${escapeHtml(formatTimeInZone(interview.scheduledTime, interview.timezone))}</strong>.</p>
${link}
</main>`;
}

function closedContent(offer: BookingOffer, headline: string, explanation: string): string {
  return `<main>
<p class="eyebrow">Hi ${escapeHtml(offer.request.candidateName)}</p>
<h1>${headline}</h1>
<p class="status">${explanation}</p>
</main>`;
}

/** The same page for every token that opens nothing, so the page cannot be used to probe tokens. */
export function renderBookingNotFoundPage(): string {
  return page('Page not found', '<main><h1>Page not found</h1><p class="status">Check the link in your email.</p></main>');
}

/** A form sent from another site: refused, and said so. */
export function renderCrossSiteRefusalPage(): string {
  return page(
    'Not sent',
    '<main><h1>This form was not sent</h1><p class="status">Open your booking link again and pick your time there.</p></main>',
  );
}

function page(title: string, body: string): string {
  return htmlDocument(title, PAGE_STYLE, body);
}

/**
 * Runs in the candidate's browser: when the browser's own time zone is not the one the times are
 * shown in, reveals a link that shows them in it (the server renders the times; this only offers
 * the switch, so the page works the same without JavaScript).
 */
const PAGE_SCRIPT = `(function () {
  var offer = document.getElementById('browser-zone');
  if (!offer) return;
  try {
    var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!here || here === offer.getAttribute('data-shown-zone')) return;
    var link = offer.querySelector('a');
    var url = new URL(link.href);
    url.searchParams.set('zone', here);
    link.href = url.pathname + url.search;
    offer.hidden = false;
  } catch (error) {
    // A browser that cannot name its zone keeps the times in the zone the page shows.
  }
})();`;

const PAGE_STYLE = `${CARD_PAGE_STYLE}h2{font-size:1.1rem;margin:2rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0 0 1.25rem}
dt{color:#616061}
dd{margin:0}
.zone{color:#4a4a4a;margin:.25rem 0}
.zone[hidden]{display:none}
a{color:#1f5592}
fieldset{border:0;margin:1.25rem 0 0;padding:0}
legend{font-weight:600;padding:0;margin-bottom:.5rem}
.slot{position:relative;margin:.5rem 0}
.slot input{position:absolute;left:1rem;top:50%;transform:translateY(-50%);width:1.25rem;height:1.25rem;margin:0;accent-color:#2b6cb0}
.slot label{display:block;min-height:44px;box-sizing:border-box;padding:.75rem 1rem .75rem 3rem;border:1px solid #c4c4c7;border-radius:8px;cursor:pointer}
.slot input:checked+label{border-color:#2b6cb0;background:#eef4fb;box-shadow:0 0 0 1px #2b6cb0}
.slot input:focus-visible+label{outline:3px solid #1f5592;outline-offset:2px}
.time{font-weight:600}
.details{display:block;color:#4a4a4a;font-size:.95rem}
button,.button{display:inline-flex;align-items:center;justify-content:center;box-sizing:border-box;margin-top:1.5rem;background:#2b6cb0;color:#fff;border:0;text-decoration:none;padding:.8rem 1.5rem;border-radius:8px;font:inherit;font-weight:600;cursor:pointer;min-height:44px}
button:focus-visible,.button:focus-visible{outline:3px solid #1f5592;outline-offset:2px}
.notice{background:#fff4e5;border-left:4px solid #b35900;border-radius:4px;padding:.75rem 1rem}
.status{background:#f1f5f9;border-radius:8px;padding:.75rem 1rem}
@media (max-width:480px){body{padding:12px 8px}main{padding:20px 16px}button{width:100%}}
`;

/**
 * As strict as the join page's: nothing runs or loads but the page's own style and script,
 * allowed by their SHA-256 hashes, and the form may only be sent here.
 */
export const BOOKING_PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy({
  style: PAGE_STYLE,
  script: PAGE_SCRIPT,
  imagesFromHere: true,
  formsPostHere: true,
});

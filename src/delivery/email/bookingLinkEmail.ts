import escapeHtml from 'escape-html';
import type { BookingOffer, OfferedSlot } from '../../domain/bookings/bookingOffers';
import { bookingDeadline } from '../../domain/bookings/bookingWindow';
import type { BookingLinkEmailReason } from '../../domain/deliveries/deliveryPayloads';
import { describeInterviewerForCandidate, describeInterviewersForCandidate } from '../../presenters/interviewers';
import { describeDuration, formatShortTimeInZone, formatTimeInZone } from '../../presenters/interviewTime';
import { toInterviewers } from '../../domain/shared/participants';

export interface BookingLinkEmail {
  subject: string;
  text: string;
  html: string;
}

/** The email lists this many of the open times; the page shows them all. */
const TIMES_LISTED = 8;

/**
 * The candidate's "pick your time" email: the role, who interviews, the times still open (in the
 * candidate's zone), until when the link works, and the booking link in both parts. A nudge says
 * it is a reminder. No calendar invitation yet: there is no time until the candidate picks one.
 */
export function presentBookingLinkEmail(offer: BookingOffer, reason: BookingLinkEmailReason): BookingLinkEmail {
  const { request } = offer;
  const interview = request.role ? `your interview for ${request.role}` : 'your interview';
  const subject = reason === 'nudge' ? `Reminder: pick a time for ${interview}` : `Pick a time for ${interview}`;
  const opening =
    reason === 'nudge'
      ? `You haven't picked a time for ${interview} yet. These times are still open:`
      : `You're invited to ${interview}. Pick the time that suits you best:`;
  const times = offer.openSlots.slice(0, TIMES_LISTED).map((slot) => describeSlot(slot, request.timezone));
  const more = offer.openSlots.length - times.length;
  const moreLine = more > 0 ? `…and ${more} more on the page.` : null;
  const interviewers = describeInterviewersForCandidate(request.interviewers);
  const withLine = interviewers.length > 0 ? `With: ${interviewers.join(', ')}` : null;
  const pickBy = bookingDeadline(
    request.expiresAt,
    offer.openSlots.map((slot) => slot.startsAt),
  );
  const deadline = `Please pick by ${formatTimeInZone(pickBy, request.timezone)}. A time someone else books meanwhile drops off the list.`;
  const text = [
    `Hi ${request.candidateName},`,
    '',
    opening,
    '',
    ...times.map((time) => `- ${time}`),
    ...(moreLine ? [moreLine] : []),
    '',
    ...(withLine ? [withLine, ''] : []),
    'Pick your time here:',
    request.bookingLink,
    '',
    deadline,
    'Once you pick, you get the invitation with your join link and a calendar entry.',
    '',
  ].join('\n');
  const link = escapeHtml(request.bookingLink);
  const list = times.map((time) => `<li style="margin:4px 0">${escapeHtml(time)}</li>`).join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p>Hi ${escapeHtml(request.candidateName)},</p>
<p>${escapeHtml(opening)}</p>
<ul style="padding-left:20px;margin:16px 0">${list}</ul>
${moreLine ? `<p>${escapeHtml(moreLine)}</p>` : ''}
${withLine ? `<p>${escapeHtml(withLine)}</p>` : ''}
<p style="margin:24px 0"><a href="${link}" style="background:#2b6cb0;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">Pick your time</a></p>
<p>${escapeHtml(deadline)} Once you pick, you get the invitation with your join link and a calendar entry.</p>
<p style="font-size:14px;color:#555">If the button does not work, copy this link into your browser:<br><a href="${link}">${link}</a></p>
</body></html>`;
  return { subject, text, html };
}

/** "Tue, Mar 5, 10:00 AM (Berlin time) · 30 minutes · with Ada Lovelace", never a Slack id. */
function describeSlot(slot: OfferedSlot, timezone: string): string {
  const [interviewer] = toInterviewers([slot.interviewer]);
  const name = slot.interviewerName ?? describeInterviewerForCandidate(interviewer);
  return [formatShortTimeInZone(slot.startsAt, timezone), describeDuration(slot.durationMinutes), ...(name ? [`with ${name}`] : [])].join(
    ' · ',
  );
}

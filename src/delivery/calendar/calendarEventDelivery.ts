import type { Database } from '../../db/database';
import type { CalendarProvider, InterviewCalendarEvent as ProviderEvent } from '../../domain/calendars/calendarProvider';
import { interviewEventText } from '../../domain/calendars/interviewEventText';
import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import { calendarInterviewerKey } from '../../domain/interviews/calendarEventOutcomes';
import type { Interview } from '../../domain/interviews/Interview';
import { CalendarEventStatus, InterviewCalendarEvent } from '../../domain/interviews/InterviewCalendarEvent';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import { Meeting, MeetingStatus } from '../../domain/meetings/Meeting';
import { ProviderError } from '../../domain/shared/providerError';
import { DeliveryError } from '../deliveryError';
import type { DeliveryHandler, DeliveryHandlers } from '../deliveryWorker';
import { findInterviewerRecipient } from '../email/calendarAttendees';
import type { InterviewerDirectory } from '../interviewerDirectory';

export interface CalendarEventHandlerDependencies {
  provider: CalendarProvider;
  database: Database;
  /** Reads the addresses and zones of interviewers given as Slack users; null while Slack is off. */
  directory: InterviewerDirectory | null;
  /**
   * True when VIDEO_PROVIDER is `google-meet` or `teams`: the first interviewer's (the organizer's)
   * event is the meeting's, which the meeting job creates, moves and deletes; this handler leaves it alone.
   */
  organizerEventIsTheMeeting: boolean;
  now: () => Date;
}

/**
 * The outbox handler that puts the interview on each interviewer's own calendar: created when it
 * is scheduled, moved when it changes, deleted when it is cancelled, each once (the provider's
 * event id is kept per interviewer). 429 and 5xx are retried as the provider asked (Retry-After);
 * a calendar that refuses (no such mailbox, the grant does not reach them) reports why, and the
 * outcome (calendarEventOutcomes.ts) emails that interviewer instead and tells the thread once.
 */
export function createCalendarEventHandlers(deps: CalendarEventHandlerDependencies): DeliveryHandlers {
  const handle: DeliveryHandler<DeliveryKind.CalendarEvent> = async (_job, payload, interview) => {
    const interviewerKey = calendarInterviewerKey(payload.interviewer);
    if (deps.organizerEventIsTheMeeting && (await eventIsTheMeetings(deps, interview, payload.interviewer))) {
      return { skipped: "This interviewer's calendar event is the video meeting's, made and kept by the meeting job." };
    }
    const row = await deps.database.read((manager) =>
      manager.findOneBy(InterviewCalendarEvent, { interviewId: interview.id, interviewerKey }),
    );
    if (row?.status === CalendarEventStatus.Refused) {
      if (payload.action === 'create') return { skipped: 'Their calendar refused this event before; they were emailed instead.' };
      throw DeliveryError.permanent(
        `Their calendar refused this interview earlier (${row.reason ?? 'refused'}); they are emailed instead.`,
      );
    }
    switch (payload.action) {
      case 'create': {
        if (row?.status === CalendarEventStatus.Created) return { providerMessageId: row.eventId ?? undefined };
        if (interview.status === InterviewStatus.Cancelled) return { skipped: 'The interview was cancelled before its event was made.' };
        const recipient = await findInterviewerRecipient(payload.interviewer, interview, deps.directory);
        if ('unreachable' in recipient) throw DeliveryError.permanent(recipient.unreachable);
        const owner = recipient.email.toLowerCase();
        const { eventId } = await providerCall(() =>
          deps.provider.createEvent(owner, eventFor(interview, interviewerKey, recipient.timezone)),
        );
        await record(deps, interview.id, interviewerKey, { ownerAddress: owner, eventId, status: CalendarEventStatus.Created });
        return { providerMessageId: eventId };
      }
      case 'move': {
        if (!row?.eventId || !row.ownerAddress) {
          throw DeliveryError.retryable('The event is not on their calendar yet; it is moved once it is made.');
        }
        if (row.status === CalendarEventStatus.Deleted) return { skipped: 'The event was already taken off their calendar.' };
        const { eventId, ownerAddress } = row;
        await providerCall(() => deps.provider.moveEvent(ownerAddress, eventId, eventFor(interview, interviewerKey)));
        return { providerMessageId: eventId };
      }
      case 'delete': {
        if (!row?.eventId || !row.ownerAddress) return { skipped: 'No event was made on their calendar.' };
        if (row.status === CalendarEventStatus.Deleted) return { providerMessageId: row.eventId };
        const { eventId, ownerAddress } = row;
        await providerCall(() => deps.provider.deleteEvent(ownerAddress, eventId));
        await record(deps, interview.id, interviewerKey, { ownerAddress, eventId, status: CalendarEventStatus.Deleted });
        return { providerMessageId: eventId };
      }
    }
  };
  return { [DeliveryKind.CalendarEvent]: handle };
}

/**
 * Whether this interviewer's event for the interview is the meeting's (Meet, Teams), which the
 * meeting job makes, moves and deletes: the host's, once the meeting is made (a meeting stays on
 * its host's event while they are on the panel, and stays their event after a link is set by
 * hand); the first interviewer's while it is being made. With no meeting (a link given when
 * scheduling), or one refused, every interviewer's event is their own.
 */
async function eventIsTheMeetings(
  deps: CalendarEventHandlerDependencies,
  interview: Interview,
  interviewer: { slackUserId?: string; email?: string },
): Promise<boolean> {
  const meeting = await deps.database.read((manager) => manager.findOneBy(Meeting, { interviewId: interview.id }));
  if (!meeting || meeting.status === MeetingStatus.Failed || (meeting.provider === 'url' && !meeting.providerMeetingId)) return false;
  if (!meeting.host) return isOrganizer(interview, calendarInterviewerKey(interviewer));
  let address = interviewer.email;
  if (!address) {
    const found = await findInterviewerRecipient(interviewer, interview, deps.directory);
    address = 'email' in found ? found.email : undefined;
  }
  return address?.toLowerCase() === meeting.host.toLowerCase();
}

/** The organizer is the first interviewer: whose event the meeting providers make. */
function isOrganizer(interview: Interview, interviewerKey: string): boolean {
  const first = interview.interviewers[0];
  return first !== undefined && calendarInterviewerKey(first) === interviewerKey;
}

/**
 * A provider call, its failures as the outbox's: 429/5xx (after the adapter's own retries) are
 * retryable, carrying the provider's Retry-After, so the outbox tries again when asked; a refusal
 * (no such mailbox, the grant does not reach them) fails for good, and the interviewer is emailed instead.
 */
async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.retryable) throw DeliveryError.retryable(error.message, error.retryAfterMs);
    throw DeliveryError.permanent(`Their calendar refused the event: ${error.message}`);
  }
}

async function record(
  deps: CalendarEventHandlerDependencies,
  interviewId: string,
  interviewerKey: string,
  state: { ownerAddress: string; eventId: string; status: CalendarEventStatus },
): Promise<void> {
  await deps.database.transaction((manager) =>
    manager.save(InterviewCalendarEvent, { interviewId, interviewerKey, ...state, reason: null, updatedAt: deps.now() }),
  );
}

/** The interview as it appears on one interviewer's calendar: no attendees, the others named in the text. */
function eventFor(interview: Interview, interviewerKey: string, ownerZone?: string): ProviderEvent {
  const others = interview.interviewers
    .filter((person) => calendarInterviewerKey(person) !== interviewerKey)
    .flatMap((person) => ((person.name ?? person.email) ? [(person.name ?? person.email)!] : []));
  const { title, description } = interviewEventText({
    candidateName: interview.candidateName,
    role: interview.role ?? undefined,
    joinUrl: interview.meetingUrl ?? interview.joinLink,
    otherParticipants: [...others, interview.candidateName],
  });
  return {
    interviewId: interview.id,
    title,
    description,
    startsAt: interview.scheduledTime,
    endsAt: new Date(interview.scheduledTime.getTime() + interview.durationMinutes * 60_000),
    timeZone: ownerZone ?? interview.timezone,
  };
}

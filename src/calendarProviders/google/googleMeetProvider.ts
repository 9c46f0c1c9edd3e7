import type { Meeting, MeetingLookup, MeetingRequest } from '../../domain/meetings/meetingProvider';
import { ProviderError } from '../../domain/shared/providerError';
import { MeetingOnCalendarEvent } from '../meetingOnCalendarEvent';
import type { ProviderOptions } from '../providerOptions';
import type { GoogleCalendarApi, GoogleEvent } from './googleCalendarApi';
import { eventBody } from './googleCalendarProvider';
import { googleEventIdFor } from './googleEventIds';

/** Asked again this soon when Google is still setting the Meet up. */
const MEET_PENDING_RETRY_MS = 5_000;

/**
 * Google Meet through the host's (the first interviewer's) calendar event: the event is created
 * with `conferenceDataVersion=1` and a `hangoutsMeet` create request, and its `hangoutLink` is
 * the meeting. The event has the same app-chosen id as the host's interview event (see
 * googleEventIdFor), and the create request's id is that id too: whichever of the Meet job and
 * the calendar-event job runs first creates the event, the other finds it, and a lost answer never
 * makes a second event or a second Meet.
 */
export class GoogleMeetProvider extends MeetingOnCalendarEvent<GoogleEvent, GoogleCalendarApi> {
  readonly name = 'google-meet' as const;

  constructor(api: GoogleCalendarApi, options: ProviderOptions = {}) {
    super(api, eventBody, 'Google Meet', options);
  }

  async createMeeting(request: MeetingRequest): Promise<Meeting> {
    const eventId = googleEventIdFor(request.interviewId);
    return this.retried('create Google Meet', async () => {
      const created = await this.api.insertEvent(
        request.host,
        { id: eventId, ...this.meetingEvent(request), ...conferenceRequest(eventId) },
        { withConference: true },
      );
      if (created) return meetingOf(eventId, created);
      const existing = await this.api.getEvent(request.host, eventId);
      if (existing && joinUrlOf(existing)) return meetingOf(eventId, existing);
      // The calendar-event job made the event first, without a Meet: add one to it.
      return meetingOf(eventId, await this.api.patchEvent(request.host, eventId, conferenceRequest(eventId), { withConference: true }));
    });
  }

  async findMeeting(lookup: MeetingLookup): Promise<Meeting | null> {
    const eventId = googleEventIdFor(lookup.interviewId);
    const event = await this.retried('find Google Meet', () => this.api.getEvent(lookup.host, eventId));
    const joinUrl = event ? joinUrlOf(event) : undefined;
    return joinUrl ? { meetingId: eventId, joinUrl } : null;
  }
}

function conferenceRequest(eventId: string): GoogleEvent {
  return { conferenceData: { createRequest: { requestId: eventId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } };
}

function joinUrlOf(event: GoogleEvent): string | undefined {
  return event.hangoutLink ?? event.conferenceData?.entryPoints?.find((entry) => entry.entryPointType === 'video')?.uri;
}

function meetingOf(eventId: string, event: GoogleEvent): Meeting {
  const joinUrl = joinUrlOf(event);
  if (joinUrl) return { meetingId: eventId, joinUrl };
  const status = event.conferenceData?.createRequest?.status?.statusCode;
  if (status === 'failure') {
    throw new ProviderError(
      'google',
      'rejected',
      'Google Calendar could not add a Google Meet to the event (failure): check that Meet is on for the organisation',
    );
  }
  // Google creates the Meet asynchronously now and then (`pending`): ask again shortly.
  throw new ProviderError('google', 'unavailable', 'Google Meet is still setting up the meeting', MEET_PENDING_RETRY_MS);
}

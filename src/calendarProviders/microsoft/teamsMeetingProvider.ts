import type { Meeting, MeetingLookup, MeetingRequest } from '../../domain/meetings/meetingProvider';
import { ProviderError } from '../../domain/shared/providerError';
import { MeetingOnCalendarEvent } from '../meetingOnCalendarEvent';
import type { ProviderOptions } from '../providerOptions';
import type { GraphCalendarApi, GraphEvent } from './graphCalendarApi';
import { graphEventBody, INTERVIEW_ID_PROPERTY } from './microsoftCalendarProvider';

/** Asked again this soon when Teams has not yet attached the meeting to the event. */
const TEAMS_PENDING_RETRY_MS = 5_000;

const ONLINE_MEETING: GraphEvent = { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' };

/**
 * Microsoft Teams through the host's (the first interviewer's) Outlook event: created with
 * `isOnlineMeeting: true` and `onlineMeetingProvider: "teamsForBusiness"`; its
 * `onlineMeeting.joinUrl` is the meeting. It is the host's interview event itself (same
 * `transactionId`): whichever of the Teams job and the calendar-event job posts first creates
 * it, Graph hands the other the same event, and a meeting still missing is switched on with a
 * PATCH. A lost answer never makes a second event.
 */
export class TeamsMeetingProvider extends MeetingOnCalendarEvent<GraphEvent, GraphCalendarApi> {
  readonly name = 'teams' as const;

  constructor(api: GraphCalendarApi, options: ProviderOptions = {}) {
    super(api, graphEventBody, 'Teams meeting', options);
  }

  async createMeeting(request: MeetingRequest): Promise<Meeting> {
    return this.retried('create Teams meeting', async () => {
      const event = await this.api.createEvent(request.host, { ...this.meetingEvent(request), ...ONLINE_MEETING });
      if (!event.id) throw new ProviderError('microsoft', 'unavailable', 'Microsoft 365 created the event without giving its id');
      if (event.onlineMeeting?.joinUrl) return { meetingId: event.id, joinUrl: event.onlineMeeting.joinUrl };
      return meetingOf(event.id, await this.api.patchEvent(request.host, event.id, ONLINE_MEETING));
    });
  }

  async findMeeting(lookup: MeetingLookup): Promise<Meeting | null> {
    const events = await this.retried('find Teams meeting', () =>
      this.api.findEvents(lookup.host, INTERVIEW_ID_PROPERTY, lookup.interviewId),
    );
    const event = events.find((each) => each.id && each.onlineMeeting?.joinUrl);
    return event?.id && event.onlineMeeting?.joinUrl ? { meetingId: event.id, joinUrl: event.onlineMeeting.joinUrl } : null;
  }
}

function meetingOf(eventId: string, event: GraphEvent): Meeting {
  if (event.onlineMeeting?.joinUrl) return { meetingId: eventId, joinUrl: event.onlineMeeting.joinUrl };
  throw new ProviderError('microsoft', 'unavailable', 'Microsoft Teams is still setting up the meeting', TEAMS_PENDING_RETRY_MS);
}

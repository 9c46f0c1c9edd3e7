import type { InterviewCalendarEvent } from '../domain/calendars/calendarProvider';
import type { Meeting, MeetingLookup, MeetingProvider, MeetingRequest } from '../domain/meetings/meetingProvider';
import { ProviderAdapter, type ProviderOptions } from './providerOptions';

/** What a meeting kept on the host's calendar event needs of that calendar, in its own event shape. */
export interface HostCalendar<Event> {
  patchEvent(owner: string, eventId: string, changes: Event): Promise<Event>;
  deleteEvent(owner: string, eventId: string): Promise<void>;
}

/**
 * A video meeting kept on the host's (the first interviewer's) own calendar event: Google Meet,
 * Microsoft Teams. Each provider makes and finds it its own way; it moves and goes with that event,
 * the same way for both, every call retried as the provider's answers allow.
 */
export abstract class MeetingOnCalendarEvent<Event extends { start?: unknown; end?: unknown }, Api extends HostCalendar<Event>>
  extends ProviderAdapter<Api>
  implements MeetingProvider
{
  abstract readonly name: MeetingProvider['name'];

  protected constructor(
    /** The host's calendar, as this provider's API reaches it. */
    api: Api,
    /** The host's event for an interview, in the calendar's shape. */
    private readonly eventOf: (event: InterviewCalendarEvent) => Event,
    /** What the meeting is called where its calls are retried and logged: "Google Meet", "Teams meeting". */
    private readonly meetingName: string,
    options: ProviderOptions,
  ) {
    super(options, () => api);
  }

  abstract createMeeting(request: MeetingRequest): Promise<Meeting>;

  abstract findMeeting(lookup: MeetingLookup): Promise<Meeting | null>;

  async moveMeeting(meetingId: string, request: MeetingRequest): Promise<void> {
    const { start, end } = this.meetingEvent(request);
    await this.retried(`move ${this.meetingName}`, () => this.api.patchEvent(request.host, meetingId, { start, end } as Event));
  }

  async deleteMeeting(meetingId: string, host: string): Promise<void> {
    await this.retried(`delete ${this.meetingName}`, () => this.api.deleteEvent(host, meetingId));
  }

  /** The host's event for the meeting's interview, from its start to its end, without the meeting. */
  protected meetingEvent(request: MeetingRequest): Event {
    const { interviewId, title, description, startsAt, timeZone } = request;
    return this.eventOf({
      interviewId,
      title,
      description,
      startsAt,
      endsAt: new Date(startsAt.getTime() + request.durationMinutes * 60_000),
      timeZone,
    });
  }
}

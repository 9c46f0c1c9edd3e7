import type { Meeting, MeetingLookup, MeetingProvider, MeetingRequest } from '../../domain/meetings/meetingProvider';
import { ProviderError } from '../../domain/shared/providerError';
import { ProviderAdapter, type ProviderOptions } from '../providerOptions';
import type { ZoomSettings } from '../../config/videoSettings';
import { ZoomAccessTokens } from './zoomAccessTokens';
import { ZoomMeetingsApi, type ZoomMeeting, type ZoomMeetingSettings } from './zoomMeetingsApi';

/** Zoom caps a topic at 200 characters and an agenda at 2,000. */
const MAX_TOPIC_LENGTH = 200;
const MAX_AGENDA_LENGTH = 2000;

/**
 * Zoom meetings through a Server-to-Server OAuth app. Zoom's create call has no idempotency key,
 * so the agenda's first line carries the interview's reference (lists show only an agenda's first
 * 250 characters), and every create first looks through the host's scheduled meetings for it: a
 * create repeated after a lost answer returns the meeting made the first time.
 */
export class ZoomMeetingProvider extends ProviderAdapter<ZoomMeetingsApi> implements MeetingProvider {
  readonly name = 'zoom' as const;

  constructor(settings: ZoomSettings, options: ProviderOptions = {}) {
    super(options, (transport) => new ZoomMeetingsApi(settings.apiUrl, new ZoomAccessTokens(settings, transport), transport));
  }

  async createMeeting(request: MeetingRequest): Promise<Meeting> {
    return this.retried('create Zoom meeting', async () => {
      const existing = await this.lookUp(request);
      if (existing) return existing;
      return meetingOf(await this.api.createMeeting(request.host, { ...meetingSettings(request), type: 2, agenda: agendaOf(request) }));
    });
  }

  async findMeeting(lookup: MeetingLookup): Promise<Meeting | null> {
    return this.retried('find Zoom meeting', () => this.lookUp(lookup));
  }

  async moveMeeting(meetingId: string, request: MeetingRequest): Promise<void> {
    await this.retried('move Zoom meeting', () => this.api.updateMeeting(meetingId, meetingSettings(request)));
  }

  async deleteMeeting(meetingId: string): Promise<void> {
    await this.retried('delete Zoom meeting', () => this.api.deleteMeeting(meetingId));
  }

  private async lookUp(lookup: MeetingLookup): Promise<Meeting | null> {
    const reference = referenceLine(lookup.interviewId);
    for await (const meeting of this.api.scheduledMeetings(lookup.host)) {
      if (meeting.agenda?.split('\n', 1)[0] === reference) return meetingOf(meeting);
    }
    return null;
  }
}

/** The agenda's first line: how the app recognises the meeting it made for an interview. */
export function referenceLine(interviewId: string): string {
  return `Interview reference: ${interviewId}`;
}

function agendaOf(request: MeetingRequest): string {
  return `${referenceLine(request.interviewId)}\n${request.description}`.slice(0, MAX_AGENDA_LENGTH);
}

function meetingSettings(request: MeetingRequest): ZoomMeetingSettings {
  return {
    topic: request.title.slice(0, MAX_TOPIC_LENGTH),
    start_time: `${request.startsAt.toISOString().slice(0, 19)}Z`,
    duration: request.durationMinutes,
    timezone: request.timeZone,
  };
}

function meetingOf(meeting: ZoomMeeting): Meeting {
  if (meeting.id === undefined || !meeting.join_url) {
    throw new ProviderError('zoom', 'unavailable', 'Zoom answered without the meeting’s id or join link');
  }
  return { meetingId: String(meeting.id), joinUrl: meeting.join_url };
}

/**
 * Where an interview's video meeting is made (VIDEO_PROVIDER): Zoom, Google Meet (through the
 * first interviewer's Google Calendar event) or Microsoft Teams (through their Outlook event).
 * Implemented in src/calendarProviders/. Failures are `ProviderError`s
 * (src/domain/shared/providerError.ts): retryable (429, 5xx, unreachable) or permanent (bad
 * credentials, unknown host), each with a reason for the interview's thread.
 */
export interface MeetingProvider {
  /** VIDEO_PROVIDER's value, for `meeting.provider` in answers. */
  readonly name: 'zoom' | 'google-meet' | 'teams';

  /**
   * Makes the interview's meeting, or returns the one already made for it: exactly one meeting
   * per interview even when an earlier answer was lost on the way back (each adapter looks the
   * meeting up by the interview's id, or makes the provider's create idempotent, before creating).
   */
  createMeeting(request: MeetingRequest): Promise<Meeting>;

  /** The meeting already made for this interview on `host`'s account, or null when there is none. */
  findMeeting(lookup: MeetingLookup): Promise<Meeting | null>;

  /** Moves the meeting to the request's new time (and title). */
  moveMeeting(meetingId: string, request: MeetingRequest): Promise<void>;

  /** Deletes the meeting; one already gone counts as done. */
  deleteMeeting(meetingId: string, host: string): Promise<void>;
}

/** Which interview, on whose account. */
export interface MeetingLookup {
  /** The interview's id: the key that makes creating the meeting idempotent. */
  interviewId: string;
  /** The host: the first interviewer's address, else ZOOM_DEFAULT_HOST (`me`) for Zoom. */
  host: string;
}

export interface MeetingRequest extends MeetingLookup {
  /** The meeting's title (the calendar event's title for Meet and Teams). */
  title: string;
  /** Plain text: Zoom's agenda, or the calendar event's body. */
  description: string;
  startsAt: Date;
  durationMinutes: number;
  /** IANA zone the provider shows the meeting in. */
  timeZone: string;
}

/**
 * A meeting as the app may show it to anyone, the candidate included: the link participants join
 * by. A host's start link (Zoom's `start_url`) is never part of it.
 */
export interface Meeting {
  meetingId: string;
  joinUrl: string;
}

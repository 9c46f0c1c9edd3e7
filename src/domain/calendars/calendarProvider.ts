/**
 * The interviewers' calendars, as the domain needs them: who is busy when, and the interview put
 * on each interviewer's own calendar. Google Workspace and Microsoft 365 implement it
 * (src/calendarProviders/), each with organisation-wide access an admin granted once, so no
 * interviewer connects anything.
 *
 * Failures are `ProviderError`s (src/domain/shared/providerError.ts): retryable ones (429, 5xx,
 * unreachable, with Retry-After when given) and permanent ones (grant refused, no such mailbox,
 * 403/404), each with a reason a recruiter can act on.
 */
export interface CalendarProvider {
  /** `google` or `microsoft`: what App Home and answers name. */
  readonly name: 'google' | 'microsoft';

  /**
   * The busy periods of each address's calendar between `from` and `to`, keyed by the addresses as
   * given. One provider call per batch of calendars (up to the provider's limit), not one per
   * person. Never throws: a calendar that cannot be read (grant refused, no such mailbox, 403,
   * the provider's own per-calendar error, 5xx after retries) comes back `unavailable` with why.
   */
  readBusyPeriods(addresses: readonly string[], window: { from: Date; to: Date }): Promise<Map<string, CalendarRead>>;

  /**
   * Puts the interview on `owner`'s own calendar, with no attendees (so the provider emails
   * nobody), and returns the provider's event id. Idempotent per `event.interviewId` and owner: a
   * retry after a lost answer finds the event made the first time instead of making a second.
   */
  createEvent(owner: string, event: InterviewCalendarEvent): Promise<{ eventId: string }>;

  /** Writes the event's new time and text (a reschedule, a new join link). */
  moveEvent(owner: string, eventId: string, event: InterviewCalendarEvent): Promise<void>;

  /** Takes the event off `owner`'s calendar; an event already gone counts as done. */
  deleteEvent(owner: string, eventId: string): Promise<void>;
}

/** What a calendar says about one person. */
export type CalendarRead = { status: 'read'; busy: BusyPeriod[] } | { status: 'unavailable'; reason: string };

/** A time the calendar shows its owner busy (a busy, tentative or out-of-office event). */
export interface BusyPeriod {
  startsAt: Date;
  endsAt: Date;
}

/** One interview as it appears on one interviewer's calendar. */
export interface InterviewCalendarEvent {
  /** The interview's id: what makes creating the event idempotent. */
  interviewId: string;
  /** `Interview: <candidate> (<role>)`: see interviewEventText. */
  title: string;
  /** Plain text: the join link and the other participants, named. */
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the provider shows the event in (the owner's, else the organizer's). */
  timeZone: string;
}

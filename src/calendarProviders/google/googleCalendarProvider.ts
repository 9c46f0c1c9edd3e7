import type { BusyPeriod, CalendarProvider, CalendarRead, InterviewCalendarEvent } from '../../domain/calendars/calendarProvider';
import { distinctAddresses, keyedAsGiven, unavailable } from '../calendarReads';
import { asProviderError, ProviderAdapter, type ProviderOptions } from '../providerOptions';
import type { GoogleCalendarSettings } from '../../config/calendarSettings';
import { GoogleAccessTokens } from './googleAccessTokens';
import { GoogleCalendarApi, type FreeBusyCalendar, type GoogleEvent } from './googleCalendarApi';
import { googleEventIdFor } from './googleEventIds';
import { eachAtMost, type Deadline } from '../http/readBudget';

/** freeBusy answers for at most 50 calendars per call (`calendarExpansionMax`). */
export const GOOGLE_FREEBUSY_BATCH_SIZE = 50;

/** Calendars hidden from the acting person are read again as their owners, this many at once. */
export const GOOGLE_OWN_CALENDAR_READS_AT_ONCE = 6;

/** Where the interview's id is kept on its events, so a person (or a later tool) can tell them apart. */
const INTERVIEW_ID_PROPERTY = 'interviewSchedulerInterviewId';

/**
 * Google Workspace calendars through a service account with domain-wide delegation.
 *
 * Reading: one freeBusy call per batch of up to 50 calendars, every batch acting as the first
 * person asked about whom Google knows (one token for the whole read). Inside one Workspace,
 * free/busy is shared with the whole organisation by default, so that person sees everyone's; a
 * calendar they may not see (`notFound`) is read again acting as its owner, which always works
 * when the grant does (a few at once). The whole read, retries and re-reads included, shares one
 * deadline (ProviderOptions.calendarReadBudgetMs): who is not read by then is unavailable. Writing: each event acting as its
 * owner, on their primary calendar, with `sendUpdates=none` and no attendees.
 */
export class GoogleCalendarProvider extends ProviderAdapter<GoogleCalendarApi> implements CalendarProvider {
  readonly name = 'google' as const;

  constructor(settings: GoogleCalendarSettings, options: ProviderOptions = {}) {
    super(
      options,
      (transport) => new GoogleCalendarApi(settings.apiUrl, new GoogleAccessTokens(settings.serviceAccount, transport), transport),
    );
  }

  async readBusyPeriods(addresses: readonly string[], window: { from: Date; to: Date }): Promise<Map<string, CalendarRead>> {
    const reads = new Map<string, CalendarRead>();
    const distinct = distinctAddresses(addresses);
    const actingCandidates = [...distinct];
    const deadline = this.readDeadline();
    for (let index = 0; index < distinct.length; index += GOOGLE_FREEBUSY_BATCH_SIZE) {
      await this.readBatch(distinct.slice(index, index + GOOGLE_FREEBUSY_BATCH_SIZE), actingCandidates, window, reads, deadline);
    }
    return keyedAsGiven(addresses, reads);
  }

  async createEvent(owner: string, event: InterviewCalendarEvent): Promise<{ eventId: string }> {
    const eventId = googleEventIdFor(event.interviewId);
    await this.retried('create calendar event', async () => {
      const created = await this.api.insertEvent(owner, { id: eventId, ...eventBody(event) });
      // Already there: made by an attempt whose answer was lost, or by the Meet job. Write this text on it.
      if (!created) await this.api.patchEvent(owner, eventId, eventBody(event));
    });
    return { eventId };
  }

  async moveEvent(owner: string, eventId: string, event: InterviewCalendarEvent): Promise<void> {
    await this.retried('move calendar event', () => this.api.patchEvent(owner, eventId, eventBody(event)));
  }

  async deleteEvent(owner: string, eventId: string): Promise<void> {
    await this.retried('delete calendar event', () => this.api.deleteEvent(owner, eventId));
  }

  /**
   * Reads one batch acting as the first of `actingCandidates` (shared by every batch of a read, so
   * one token serves them all). When Google does not know that person, their calendar is
   * unavailable and the next candidate acts instead.
   */
  private async readBatch(
    batch: string[],
    actingCandidates: string[],
    window: { from: Date; to: Date },
    reads: Map<string, CalendarRead>,
    deadline: Deadline,
  ): Promise<void> {
    for (;;) {
      const toRead = batch.filter((address) => !reads.has(address.toLowerCase()));
      const actingAs = actingCandidates[0];
      if (toRead.length === 0 || actingAs === undefined) return;
      try {
        const calendars = await this.retried('read free/busy', () => this.api.freeBusy(actingAs, toRead, window, deadline), deadline);
        await this.recordBatch(actingAs, toRead, calendars, window, reads, deadline);
        return;
      } catch (error) {
        const failure = asProviderError(error, 'google', 'Google Calendar');
        if (failure.kind === 'not_found') {
          reads.set(actingAs.toLowerCase(), unavailable(failure.message));
          actingCandidates.shift();
          continue;
        }
        this.logger?.warn({ provider: 'google', calendars: toRead.length, failure: failure.kind }, 'calendars could not be read');
        for (const address of toRead) reads.set(address.toLowerCase(), unavailable(failure.message));
        return;
      }
    }
  }

  private async recordBatch(
    actingAs: string,
    batch: string[],
    calendars: Record<string, FreeBusyCalendar>,
    window: { from: Date; to: Date },
    reads: Map<string, CalendarRead>,
    deadline: Deadline,
  ): Promise<void> {
    const byLowerCase = new Map(Object.entries(calendars).map(([id, calendar]) => [id.toLowerCase(), calendar]));
    const hiddenFromActingPerson: string[] = [];
    for (const address of batch) {
      const calendar = byLowerCase.get(address.toLowerCase());
      const reason = errorReasonOf(calendar);
      if (calendar && !reason) reads.set(address.toLowerCase(), readOf(address, calendar));
      else if (reason === 'notFound' && address.toLowerCase() !== actingAs.toLowerCase()) hiddenFromActingPerson.push(address);
      else reads.set(address.toLowerCase(), unavailable(calendarErrorReason(address, reason)));
    }
    await eachAtMost(hiddenFromActingPerson, GOOGLE_OWN_CALENDAR_READS_AT_ONCE, async (address) => {
      reads.set(address.toLowerCase(), await this.readOwnCalendar(address, window, deadline));
    });
  }

  private async readOwnCalendar(address: string, window: { from: Date; to: Date }, deadline: Deadline): Promise<CalendarRead> {
    try {
      const calendars = await this.retried('read free/busy', () => this.api.freeBusy(address, [address], window, deadline), deadline);
      const calendar = new Map(Object.entries(calendars).map(([id, each]) => [id.toLowerCase(), each])).get(address.toLowerCase());
      const reason = errorReasonOf(calendar);
      return calendar && !reason ? readOf(address, calendar) : unavailable(calendarErrorReason(address, reason));
    } catch (error) {
      return unavailable(asProviderError(error, 'google', 'Google Calendar').message);
    }
  }
}

/** The event as the interviewer sees it: busy, no attendees, the interview's id kept privately. */
export function eventBody(event: InterviewCalendarEvent): GoogleEvent {
  return {
    summary: event.title,
    description: event.description,
    start: { dateTime: event.startsAt.toISOString(), timeZone: event.timeZone },
    end: { dateTime: event.endsAt.toISOString(), timeZone: event.timeZone },
    transparency: 'opaque',
    extendedProperties: { private: { [INTERVIEW_ID_PROPERTY]: event.interviewId } },
  };
}

/** The calendar's busy periods, or unavailable when one has a time the app cannot read (never guess a free time). */
function readOf(address: string, calendar: FreeBusyCalendar): CalendarRead {
  const periods = busyPeriods(calendar);
  return periods
    ? { status: 'read', busy: periods }
    : unavailable(`Google Calendar gave ${address}'s free/busy times in a form the app could not read`);
}

function busyPeriods(calendar: FreeBusyCalendar): BusyPeriod[] | undefined {
  if (typeof calendar !== 'object' || calendar === null || (calendar.busy !== undefined && !Array.isArray(calendar.busy))) return undefined;
  const periods: BusyPeriod[] = [];
  for (const period of calendar.busy ?? []) {
    const startsAt = instantOf(period?.start);
    const endsAt = instantOf(period?.end);
    if (!startsAt || !endsAt || endsAt < startsAt) return undefined;
    periods.push({ startsAt, endsAt });
  }
  return periods;
}

/** An RFC 3339 time as freeBusy gives it, or undefined when it is anything else. */
function instantOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** The reason of the calendar's own error, if freeBusy gave one; an error without a reason (or in another form) still counts. */
function errorReasonOf(calendar: FreeBusyCalendar | undefined): string | undefined {
  const errors = calendar?.errors as unknown;
  if (errors === undefined || (Array.isArray(errors) && errors.length === 0)) return undefined;
  const reason = Array.isArray(errors) ? (errors[0] as { reason?: unknown } | null)?.reason : undefined;
  return typeof reason === 'string' && reason !== '' ? reason : 'error';
}

function calendarErrorReason(address: string, reason: string | undefined): string {
  if (reason === undefined) return `Google Calendar did not answer for ${address}'s calendar`;
  if (reason === 'notFound') return `Google Calendar has no calendar ${address}, or it is not shared with the app (notFound)`;
  return `Google Calendar could not read ${address}'s calendar (${reason})`;
}

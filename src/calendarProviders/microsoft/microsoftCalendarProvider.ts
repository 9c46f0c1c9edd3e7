import type { BusyPeriod, CalendarProvider, CalendarRead, InterviewCalendarEvent } from '../../domain/calendars/calendarProvider';
import { ProviderError } from '../../domain/shared/providerError';
import { distinctAddresses, keyedAsGiven, unavailable } from '../calendarReads';
import { asProviderError, ProviderAdapter, type ProviderOptions } from '../providerOptions';
import { GraphCalendarApi, graphDateTime, instantOfUtcDateTime, type GraphEvent, type ScheduleInformation } from './graphCalendarApi';
import type { MicrosoftCalendarSettings } from '../../config/calendarSettings';
import { MicrosoftAccessTokens } from './microsoftAccessTokens';
import { eachAtMost, type Deadline } from '../http/readBudget';

/** getSchedule looks up at most 20 people per call ("Limits and error conditions", Graph docs). */
export const GRAPH_SCHEDULE_BATCH_SIZE = 20;
/** getSchedule's period must be shorter than 62 days. */
export const GRAPH_SCHEDULE_MAX_DAYS = 61;

/** After this many people of a batch are refused as the one making the call, the rest are read each as themselves… */
const REFUSALS_BEFORE_READING_EACH = 2;
/** …this many at once. */
export const GRAPH_OWN_SCHEDULE_READS_AT_ONCE = 6;

/** The free/busy statuses that make a person unavailable; `free` and `workingElsewhere` do not. */
const BUSY_STATUSES = new Set(['busy', 'tentative', 'oof']);

/**
 * The interview's id on its Outlook events, as a named single-value extended property (the
 * documented way to tag an item and find it again with `$filter`). The GUID is this app's own.
 */
export const INTERVIEW_ID_PROPERTY = 'String {8c3b6a52-4f1e-4d8e-9a57-3f0d2b1c6e41} Name InterviewSchedulerInterviewId';

/**
 * Microsoft 365 calendars through an Entra app with the application permission
 * Calendars.ReadWrite. Reading: one getSchedule call per batch of up to 20 people (per 61 days),
 * as the first of them; tentative and out-of-office count as busy. The whole read, retries and
 * fallbacks included, shares one deadline (ProviderOptions.calendarReadBudgetMs): who is not read
 * by then is unavailable. Writing: each event in its
 * owner's calendar, without attendees (Graph emails every attendee), with a `transactionId` so a
 * create repeated after a lost answer gets the first event back.
 */
export class MicrosoftCalendarProvider extends ProviderAdapter<GraphCalendarApi> implements CalendarProvider {
  readonly name = 'microsoft' as const;

  constructor(settings: MicrosoftCalendarSettings, options: ProviderOptions = {}) {
    super(options, (transport) => new GraphCalendarApi(settings.graphUrl, new MicrosoftAccessTokens(settings, transport), transport));
  }

  async readBusyPeriods(addresses: readonly string[], window: { from: Date; to: Date }): Promise<Map<string, CalendarRead>> {
    const reads = new Map<string, CalendarRead>();
    const distinct = distinctAddresses(addresses);
    const deadline = this.readDeadline();
    for (let index = 0; index < distinct.length; index += GRAPH_SCHEDULE_BATCH_SIZE) {
      const batch = distinct.slice(index, index + GRAPH_SCHEDULE_BATCH_SIZE);
      const busy = new Map(batch.map((address) => [address.toLowerCase(), [] as BusyPeriod[]]));
      for (const part of windowParts(window)) {
        await this.readBatch(
          batch.filter((address) => busy.has(address.toLowerCase())),
          part,
          busy,
          reads,
          deadline,
        );
      }
      for (const [address, periods] of busy) reads.set(address, { status: 'read', busy: periods });
    }
    return keyedAsGiven(addresses, reads);
  }

  async createEvent(owner: string, event: InterviewCalendarEvent): Promise<{ eventId: string }> {
    const created = await this.retried('create calendar event', () => this.api.createEvent(owner, graphEventBody(event)));
    if (!created.id) throw new ProviderError('microsoft', 'unavailable', 'Microsoft 365 created the event without giving its id');
    return { eventId: created.id };
  }

  async moveEvent(owner: string, eventId: string, event: InterviewCalendarEvent): Promise<void> {
    const { subject, body, start, end } = graphEventBody(event);
    await this.retried('move calendar event', () => this.api.patchEvent(owner, eventId, { subject, body, start, end }));
  }

  async deleteEvent(owner: string, eventId: string): Promise<void> {
    await this.retried('delete calendar event', () => this.api.deleteEvent(owner, eventId));
  }

  /**
   * Reads one batch for one part of the window into `busy`; whoever cannot be read moves from
   * `busy` to `reads` as unavailable. The call is made as the first person still to read; when
   * Graph refuses that person, the next one makes it, and when it refuses them too, the rest are
   * read each as themselves, a few at once.
   */
  private async readBatch(
    batch: string[],
    window: { from: Date; to: Date },
    busy: Map<string, BusyPeriod[]>,
    reads: Map<string, CalendarRead>,
    deadline: Deadline,
  ): Promise<void> {
    let remaining = batch;
    for (let refusals = 0; remaining.length > 0; refusals += 1) {
      if (refusals >= REFUSALS_BEFORE_READING_EACH) {
        await eachAtMost(remaining, GRAPH_OWN_SCHEDULE_READS_AT_ONCE, async (address) => {
          await this.readSchedules(address, [address], window, busy, reads, deadline);
        });
        return;
      }
      const [pathUser] = remaining;
      const refusal = await this.readSchedules(pathUser, remaining, window, busy, reads, deadline);
      if (!refusal) return;
      remaining = remaining.slice(1);
    }
  }

  /**
   * One getSchedule call made as `pathUser` for `schedules`, recorded into `busy` and `reads`.
   * Graph refuses a call made as a mailbox it does not know (404) or that an application access
   * policy leaves out (403): then only `pathUser` is marked unavailable, and the refusal returned.
   */
  private async readSchedules(
    pathUser: string,
    schedules: string[],
    window: { from: Date; to: Date },
    busy: Map<string, BusyPeriod[]>,
    reads: Map<string, CalendarRead>,
    deadline: Deadline,
  ): Promise<ProviderError | undefined> {
    try {
      const answer = await this.retried('read free/busy', () => this.api.getSchedule(pathUser, schedules, window, deadline), deadline);
      recordSchedules(schedules, answer, busy, reads);
      return undefined;
    } catch (error) {
      const failure = asProviderError(error, 'microsoft', 'Microsoft 365');
      if (failure.kind === 'not_found' || failure.kind === 'forbidden') {
        markUnavailable(pathUser, failure.message, busy, reads);
        return failure;
      }
      this.logger?.warn({ provider: 'microsoft', calendars: schedules.length, failure: failure.kind }, 'calendars could not be read');
      for (const address of schedules) markUnavailable(address, failure.message, busy, reads);
      return undefined;
    }
  }
}

/** The event in an owner's calendar: busy, plain text, UTC times, no attendees, tagged with the interview's id. */
export function graphEventBody(event: {
  interviewId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
}): GraphEvent {
  return {
    subject: event.title,
    body: { contentType: 'text', content: event.description },
    start: { dateTime: graphDateTime(event.startsAt), timeZone: 'UTC' },
    end: { dateTime: graphDateTime(event.endsAt), timeZone: 'UTC' },
    showAs: 'busy',
    transactionId: `interview-${event.interviewId}`,
    singleValueExtendedProperties: [{ id: INTERVIEW_ID_PROPERTY, value: event.interviewId }],
  };
}

function recordSchedules(
  batch: string[],
  schedules: ScheduleInformation[],
  busy: Map<string, BusyPeriod[]>,
  reads: Map<string, CalendarRead>,
): void {
  const byLowerCase = new Map(schedules.map((schedule) => [(schedule.scheduleId ?? '').toLowerCase(), schedule]));
  for (const address of batch) {
    const schedule = byLowerCase.get(address.toLowerCase());
    if (!schedule) {
      markUnavailable(address, `Microsoft 365 returned no schedule for ${address}`, busy, reads);
    } else if (schedule.error) {
      const said = [schedule.error.responseCode, schedule.error.message].filter(Boolean).join(': ');
      markUnavailable(address, `Microsoft 365 could not read ${address}'s calendar (${said || 'error'})`, busy, reads);
    } else {
      const periods = busyPeriodsOf(schedule);
      if (periods === undefined)
        markUnavailable(address, `Microsoft 365 gave ${address}'s schedule in a form the app could not read`, busy, reads);
      else busy.get(address.toLowerCase())?.push(...periods);
    }
  }
}

/** The busy items, or undefined when one has a time the app cannot read (never guess a free time). */
function busyPeriodsOf(schedule: ScheduleInformation): BusyPeriod[] | undefined {
  const periods: BusyPeriod[] = [];
  for (const item of schedule.scheduleItems ?? []) {
    if (!BUSY_STATUSES.has((item.status ?? '').toLowerCase())) continue;
    const utc = (zone: string | undefined) => zone === undefined || zone.toUpperCase() === 'UTC';
    const startsAt = utc(item.start?.timeZone) ? instantOfUtcDateTime(item.start?.dateTime) : undefined;
    const endsAt = utc(item.end?.timeZone) ? instantOfUtcDateTime(item.end?.dateTime) : undefined;
    if (!startsAt || !endsAt || endsAt < startsAt) return undefined;
    periods.push({ startsAt, endsAt });
  }
  return periods;
}

function markUnavailable(address: string, reason: string, busy: Map<string, BusyPeriod[]>, reads: Map<string, CalendarRead>): void {
  busy.delete(address.toLowerCase());
  reads.set(address.toLowerCase(), unavailable(reason));
}

/** The window cut into parts getSchedule accepts. */
function windowParts(window: { from: Date; to: Date }): Array<{ from: Date; to: Date }> {
  const parts: Array<{ from: Date; to: Date }> = [];
  const maxMs = GRAPH_SCHEDULE_MAX_DAYS * 24 * 3_600_000;
  for (let start = window.from.getTime(); start < window.to.getTime(); start += maxMs) {
    parts.push({ from: new Date(start), to: new Date(Math.min(start + maxMs, window.to.getTime())) });
  }
  return parts;
}

import { Duration } from 'luxon';

/** A stretch of time before or after an interview's start, as configured (`PT1H`) and in milliseconds. */
export interface ReminderOffset {
  /** The ISO 8601 duration, normalised by luxon (`P1D`, `PT10M`): stored in payloads and shown to people. */
  iso: string;
  milliseconds: number;
}

/** When the app reminds people of an interview and checks that the candidate turned up. */
export interface ReminderSettings {
  /** CANDIDATE_REMINDERS: each one an email to the candidate this long before the start. */
  candidate: ReminderOffset[];
  /** INTERVIEWER_REMINDER: a Slack DM to each interviewer this long before the start; null when off. */
  interviewer: ReminderOffset | null;
  /** NO_SHOW_ALERT_AFTER: the channel is told if the candidate has not opened their page this long after the start; null when off. */
  noShowAlertAfter: ReminderOffset | null;
}

/** No reminders and no alert: what a context without settings (e.g. a unit test) gets. */
export const NO_REMINDERS: ReminderSettings = { candidate: [], interviewer: null, noShowAlertAfter: null };

/** The longest offset accepted: a reminder a month ahead is a second invitation, not a reminder. */
export const MAX_REMINDER_OFFSET_DAYS = 30;

/**
 * Reads one ISO 8601 duration (`P1D`, `PT1H`, `PT2M30S`, `P1W`) into an offset, or says in a
 * sentence what is wrong with it. Months and years are refused: their length depends on the date.
 */
export function parseReminderOffset(text: string): { offset: ReminderOffset } | { problem: string } {
  const duration = Duration.fromISO(text.trim().toUpperCase());
  if (!duration.isValid) {
    return { problem: `"${text}" is not an ISO 8601 duration like P1D, PT1H or PT10M` };
  }
  if (duration.years !== 0 || duration.quarters !== 0 || duration.months !== 0) {
    return { problem: `"${text}" uses months or years; use weeks, days, hours or minutes (e.g. P30D)` };
  }
  const milliseconds = duration.toMillis();
  if (milliseconds <= 0) {
    return { problem: `"${text}" must be longer than zero` };
  }
  if (milliseconds > MAX_REMINDER_OFFSET_DAYS * 24 * 60 * 60 * 1000) {
    return { problem: `"${text}" is longer than ${MAX_REMINDER_OFFSET_DAYS} days` };
  }
  return { offset: { iso: duration.toISO() ?? text, milliseconds } };
}

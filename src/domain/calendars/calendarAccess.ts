import type { CalendarProvider } from './calendarProvider';
import { parseCalendarSettings, type FreeTimeRules } from '../../config/calendarSettings';
import type { WorkingHours } from '../../config/workingHours';

/**
 * The interviewers' calendars as the commands reach them: the deployment's provider (Google
 * Workspace or Microsoft 365), or null when there is none and the app's own interviews are the
 * only calendar; and the rules that say when a person is free.
 */
export interface CalendarAccess {
  provider: CalendarProvider | null;
  /** WORKING_HOURS, read on each interviewer's own clock. */
  workingHours: WorkingHours;
  rules: FreeTimeRules;
}

let defaults: CalendarAccess | undefined;

/** No provider and the product's default rules: what a context built without calendars (a test about something else) gets. */
export function defaultCalendarAccess(): CalendarAccess {
  if (!defaults) {
    const parsed = parseCalendarSettings({});
    if ('problems' in parsed) throw new Error(`The default calendar settings do not parse: ${parsed.problems.join('; ')}`);
    defaults = { provider: null, workingHours: parsed.settings.workingHours, rules: parsed.settings.rules };
  }
  return defaults;
}

import type { CalendarProviderSettings } from '../../config/calendarSettings';
import type { CalendarProvider } from '../../domain/calendars/calendarProvider';
import { GoogleCalendarProvider } from '../google/googleCalendarProvider';
import { MicrosoftCalendarProvider } from '../microsoft/microsoftCalendarProvider';
import type { ProviderOptions } from '../providerOptions';

/** The deployment's calendar provider, as its variables chose it; null when none is set. */
export function calendarProviderFromSettings(settings: CalendarProviderSettings, options: ProviderOptions = {}): CalendarProvider | null {
  switch (settings.kind) {
    case 'google':
      return new GoogleCalendarProvider(settings, options);
    case 'microsoft':
      return new MicrosoftCalendarProvider(settings, options);
    default:
      return null;
  }
}

/** How the log and the status page name a provider. */
export function describeCalendarProvider(settings: CalendarProviderSettings): string {
  switch (settings.kind) {
    case 'google':
      return 'Google Workspace';
    case 'microsoft':
      return 'Microsoft 365';
    default:
      return "none (the app's own interviews are the calendar)";
  }
}

import { parseCalendarSettings } from './calendarSettings';
import type { SettingsResult } from './settingsFields';
import { parseVideoSettings, type VideoSettings } from './videoSettings';

/**
 * VIDEO_PROVIDER and its settings, read with the calendar provider they may ride on: Meet needs
 * the Google Workspace grant, Teams the Microsoft 365 one. A calendar setting that is itself wrong
 * is reported as such (its own problem), not as a missing variable.
 */
export function readVideoSettings(environment: Readonly<Record<string, string | undefined>>): SettingsResult<VideoSettings> {
  const calendar = parseCalendarSettings(environment);
  const provider = environment.VIDEO_PROVIDER?.trim();
  if ('problems' in calendar) {
    if (provider === 'google-meet' || provider === 'teams') return { problems: calendar.problems };
    return parseVideoSettings(environment, { kind: 'none' });
  }
  return parseVideoSettings(environment, calendar.settings.provider);
}

import { z } from 'zod';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
export const DEFAULT_DURATION_MINUTES = 45;

/**
 * How long an interview or a slot lasts: whole minutes from 5 to 8 hours, whoever asks (the API,
 * a modal's menu, a reschedule). A number only: text such as "60" is refused as a number would be
 * for a name (the Slack modals turn their menus' values into numbers themselves).
 */
export const durationMinutesSchema = z
  .number({ message: 'Duration must be a number of minutes, like 45 (a number, not text).' })
  .int({ message: 'Duration must be a whole number of minutes.' })
  .min(MIN_DURATION_MINUTES, { message: `Duration must be at least ${MIN_DURATION_MINUTES} minutes.` })
  .max(MAX_DURATION_MINUTES, { message: `Duration must be at most 8 hours (${MAX_DURATION_MINUTES} minutes).` });

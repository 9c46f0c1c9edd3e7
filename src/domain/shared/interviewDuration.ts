import { z } from 'zod';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
export const DEFAULT_DURATION_MINUTES = 45;

const WHOLE_NUMBER_TEXT = /^\s*\d{1,9}\s*$/;

/**
 * How long an interview or a slot lasts: whole minutes from 5 to 8 hours, whoever asks (the API,
 * a modal's menu, a reschedule). Numbers written as text are read, as modals send them; nothing
 * else is coerced (`true` is not one minute).
 */
export const durationMinutesSchema = z.preprocess(
  (value) => (typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value) ? Number(value) : value),
  z
    .number({ message: 'Duration must be a number of minutes.' })
    .int({ message: 'Duration must be a whole number of minutes.' })
    .min(MIN_DURATION_MINUTES, { message: `Duration must be at least ${MIN_DURATION_MINUTES} minutes.` })
    .max(MAX_DURATION_MINUTES, { message: `Duration must be at most 8 hours (${MAX_DURATION_MINUTES} minutes).` }),
);

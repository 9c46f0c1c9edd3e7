import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Secrets and session keys never reach the logs: a session key opens a candidate's interview,
 * so it is as sensitive as a password.
 */
const REDACTED_PATHS = [
  'sessionKey',
  '*.sessionKey',
  'joinLink',
  '*.joinLink',
  'interviewLink',
  '*.interviewLink',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'apiKey',
  '*.apiKey',
];

/** The app's logger: JSON lines to stdout, or to `destination` (tests capture it). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'interview-scheduler' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

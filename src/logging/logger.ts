import pino from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '../config/appConfig';

export type Logger = pino.Logger;

/**
 * Secrets and session keys never reach the logs: a session key opens a candidate's interview and
 * a booking link's token books one, so they are as sensitive as passwords.
 */
const REDACTED_PATHS = [
  'sessionKey',
  '*.sessionKey',
  'joinLink',
  '*.joinLink',
  'interviewLink',
  '*.interviewLink',
  'bookingLink',
  '*.bookingLink',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'apiKey',
  '*.apiKey',
];

/**
 * Errors as pino serializes them, minus what a failed query carries: TypeORM's QueryFailedError
 * holds the statement and its parameters (a candidate's name, email, notes, session key), and
 * PostgreSQL's `detail` quotes the values of a violated key. The SQL error code and message stay.
 */
export function serializeErrorWithoutQueryValues(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  const withoutValues = (fields: Record<string, unknown>): Record<string, unknown> => {
    const { parameters: _parameters, query: _query, detail: _detail, ...rest } = fields;
    for (const nested of ['driverError', 'cause'] as const) {
      if (rest[nested] && typeof rest[nested] === 'object') rest[nested] = withoutValues(rest[nested] as Record<string, unknown>);
    }
    return rest;
  };
  return withoutValues(serialized);
}

/** LOG_FORMAT when set; otherwise readable lines for a person at a terminal and JSON for everything else. */
export function chooseLogFormat(configured: LogFormat | undefined, stdoutIsTerminal: boolean): LogFormat {
  return configured ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * The app's logger, writing to stdout or to `destination` (tests capture it). JSON lines carry ISO
 * 8601 times, which log collectors and people both read. Pretty lines are formatted in this
 * process (not in a worker thread), so nothing is lost when the process exits right after logging.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'interview-scheduler' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeErrorWithoutQueryValues },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (format === 'pretty') {
    return pino(options, prettyStream(destination));
  }
  return destination ? pino(options, destination) : pino(options);
}

function prettyStream(destination: pino.DestinationStream | undefined): pino.DestinationStream {
  return pretty({
    destination: destination ?? 1,
    sync: true,
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
}

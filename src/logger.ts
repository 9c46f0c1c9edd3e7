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

/** The app's logger: JSON lines to stdout, or to `destination` (tests capture it). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'interview-scheduler' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeErrorWithoutQueryValues },
  };
  return destination ? pino(options, destination) : pino(options);
}

import type { Logger } from '../logging/logger';

/** Network errors that mean the database server cannot be reached right now. */
const UNREACHABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "not now": connection exceptions (class 08), the server shutting
 * down or starting up (57P01–57P03), too many connections (53300), and a statement cancelled by
 * its timeout (57014).
 */
const UNAVAILABLE_POSTGRES_STATES = /^(08[0-9A-Z]{3}|57P0[1-3]|53300|57014)$/;

/** SQLite result codes that mean another connection holds the file, or the disk failed it. */
const UNAVAILABLE_SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL)(_|$)/;

/** What node-postgres and its pool say when the connection went away or never came. */
const UNAVAILABLE_POSTGRES_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection timeout',
  'Query read timeout',
  'is not queryable',
  'Client has encountered a connection error',
];

/**
 * True when an error says the database is unreachable or too busy right now, so the same request
 * is worth trying again shortly (HTTP 503), rather than that the request or the code is wrong.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let candidate: unknown = error, depth = 0; candidate && typeof candidate === 'object' && depth < 4; depth += 1) {
    const { code, message, driverError, cause } = candidate as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (
      typeof code === 'string' &&
      (UNREACHABLE_NETWORK_CODES.has(code) || UNAVAILABLE_POSTGRES_STATES.test(code) || UNAVAILABLE_SQLITE_CODES.test(code))
    ) {
      return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_POSTGRES_MESSAGES.some((known) => message.includes(known))) {
      return true;
    }
    candidate = driverError ?? cause;
  }
  return false;
}

/**
 * Remembers whether the database is down, so an outage is logged once when it starts and once when
 * it ends, instead of once per request, per poll and per delivery.
 */
export class DatabaseAvailability {
  private downSince: Date | null = null;

  constructor(private readonly logger?: Logger) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** Called with every error a database operation raised; true when it was an outage. */
  noticeFailure(error: unknown): boolean {
    if (!isDatabaseUnavailableError(error)) return false;
    if (!this.downSince) {
      this.downSince = new Date();
      const reason = error instanceof Error ? error.message : String(error);
      this.logger?.warn({ reason }, 'The database is unreachable; answering 503 and holding deliveries until it is back');
    }
    return true;
  }

  /**
   * Called after a database operation succeeded. One that started before the outage was noticed
   * (a query already under way when the connections dropped) says nothing about now.
   */
  noticeSuccess(startedAt: Date = new Date()): void {
    if (!this.downSince || startedAt.getTime() < this.downSince.getTime()) return;
    const downForMs = Date.now() - this.downSince.getTime();
    this.downSince = null;
    this.logger?.info({ downForMs }, 'The database is reachable again');
  }
}

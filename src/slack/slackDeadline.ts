import { isDatabaseUnavailableError } from '../db/databaseAvailability';

/**
 * Slack gives a modal submission 3 seconds for its answer; work that needs the database gets this
 * long, leaving the rest for the answer to travel.
 */
export const SLACK_WORK_BUDGET_MS = 2500;

/** The work did not finish in time; it may still finish, and a retry with its key will find it. */
export class TooSlowForSlackError extends Error {
  constructor() {
    super(`The database did not answer within ${SLACK_WORK_BUDGET_MS} ms`);
    this.name = 'TooSlowForSlackError';
  }
}

/**
 * `work`'s result, or a `TooSlowForSlackError` once the budget is spent, so the person still gets
 * an answer inside Slack's deadline. The work goes on: whatever it stores carries the request's
 * idempotency key, so submitting again returns it instead of doing it twice.
 */
export async function withinSlackDeadline<T>(work: Promise<T>, budgetMs = SLACK_WORK_BUDGET_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TooSlowForSlackError()), budgetMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the database is down or too slow right now: the person should simply try again shortly. */
export function isTemporaryDatabaseTrouble(error: unknown): boolean {
  return error instanceof TooSlowForSlackError || isDatabaseUnavailableError(error);
}

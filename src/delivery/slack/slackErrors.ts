import { ErrorCode, type WebAPICallError, type WebClient } from '@slack/web-api';
import { NoSlackClientError, type SlackClients, type SlackWorkspaceColumns } from '../../slackApi/slackClients';
import { DeliveryError } from '../deliveryError';

/** Slack errors that mean "try again later" rather than "this will never work". */
const TRANSIENT_SLACK_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** The `error` code of a Slack Web API answer (`not_in_channel`, …), or undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const failure = error as WebAPICallError & { data?: { error?: string } };
  return failure?.code === ErrorCode.PlatformError ? failure.data?.error : undefined;
}

export function classifySlackError(error: unknown, what: string): DeliveryError {
  const failure = error as WebAPICallError & { retryAfter?: number; statusCode?: number; original?: Error };
  switch (failure?.code) {
    case ErrorCode.RateLimitedError:
      return DeliveryError.retryable(`Slack rate-limited ${what}`, (failure.retryAfter ?? 1) * 1000);
    case ErrorCode.RequestError:
      return DeliveryError.retryable(`Slack could not be reached for ${what}: ${failure.original?.message ?? failure.message}`);
    case ErrorCode.HTTPError:
      return (failure.statusCode ?? 500) >= 500 || failure.statusCode === 429
        ? DeliveryError.retryable(`Slack answered HTTP ${failure.statusCode} to ${what}`)
        : DeliveryError.permanent(`Slack answered HTTP ${failure.statusCode} to ${what}`);
    case ErrorCode.PlatformError: {
      const code = slackErrorCode(error) ?? 'unknown_error';
      return TRANSIENT_SLACK_ERRORS.has(code)
        ? DeliveryError.retryable(`Slack said ${code} to ${what}`)
        : DeliveryError.permanent(`Slack said ${code} to ${what}`);
    }
    default:
      return DeliveryError.retryable(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The client for a job's workspace; where there is none, the job fails, for good unless its token may open later. */
export async function slackClientFor(clients: SlackClients, workspace: SlackWorkspaceColumns): Promise<WebClient> {
  try {
    return await clients.forWorkspace(workspace);
  } catch (error) {
    if (error instanceof NoSlackClientError) throw new DeliveryError(error.message, error.retryable);
    throw error;
  }
}

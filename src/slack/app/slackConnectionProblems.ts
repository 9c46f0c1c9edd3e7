/** Slack's answers that no retry can fix: the token itself is wrong, revoked or of the wrong kind. */
const TOKEN_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'user_removed_from_team',
  'team_disabled',
]);

/** What to do about a refused token, by the variable that holds it. */
const HOW_TO_FIX: Record<'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', string> = {
  SLACK_BOT_TOKEN: 'install the app to your workspace and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, then restart',
  SLACK_APP_TOKEN: 'generate an app-level token with the connections:write scope under Basic Information → App-Level Tokens, then restart',
};

export interface SlackConnectionProblem {
  /** Short, for /readyz: `invalid_auth (SLACK_APP_TOKEN)`, `ECONNREFUSED`. */
  reason: string;
  /** A sentence for the log, saying what to do. */
  message: string;
  retryable: boolean;
}

/** Why an attempt failed, from the Web API's error codes or the WebSocket's last error. */
export function describeSlackConnectionProblem(token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', error: unknown): SlackConnectionProblem {
  const failure = error as
    | {
        code?: string;
        data?: { error?: string };
        original?: { code?: string; message?: string; cause?: { code?: string; errors?: Array<{ code?: string }> } };
        statusCode?: number;
      }
    | undefined;
  switch (failure?.code) {
    case 'slack_webapi_platform_error': {
      const slackError = failure.data?.error ?? 'unknown_error';
      if (TOKEN_ERRORS.has(slackError)) {
        return {
          reason: `${slackError} (${token})`,
          message: `Slack refused ${token} (${slackError}): ${HOW_TO_FIX[token]}`,
          retryable: false,
        };
      }
      return { reason: slackError, message: `Slack answered ${slackError}`, retryable: true };
    }
    case 'slack_webapi_request_error': {
      // fetch reports `fetch failed`; the system's reason (ECONNREFUSED, ENOTFOUND…) is in its cause, or in each address's error.
      const original = failure.original;
      const cause = original?.code ?? original?.cause?.code ?? original?.cause?.errors?.[0]?.code ?? original?.message ?? 'network error';
      return { reason: cause, message: `cannot reach Slack's API (${cause})`, retryable: true };
    }
    case 'slack_webapi_http_error':
      return { reason: `HTTP ${failure.statusCode}`, message: `Slack's API answered HTTP ${failure.statusCode}`, retryable: true };
    case 'slack_webapi_rate_limited_error':
      return { reason: 'ratelimited', message: 'Slack is rate-limiting connection attempts', retryable: true };
    case 'slack_socket_mode_websocket_error': {
      const detail = failure.original?.message ?? 'WebSocket error';
      return { reason: `websocket: ${detail}`, message: `the Socket Mode WebSocket failed (${detail})`, retryable: true };
    }
    default: {
      const detail = error instanceof Error ? error.message : 'the WebSocket closed before Slack said hello';
      return { reason: detail, message: detail, retryable: true };
    }
  }
}

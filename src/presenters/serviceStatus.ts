/**
 * How this process reaches Slack right now: `off` (not configured), `http` (Slack sends requests
 * to /slack/events), or the state of the Socket Mode connection, with the reason it is down.
 */
export type SlackStatus = 'off' | 'http' | 'connecting' | 'connected' | `disconnected: ${string}`;

/**
 * What is switched on, as /readyz and the status page at / show it. Only kinds, never URLs, paths,
 * counts or addresses: these pages answer anyone who can reach the port.
 */
/** The Slack workspaces served: none (Slack off), one (SLACK_BOT_TOKEN), or many (each installed through OAuth). */
export type SlackWorkspacesServed = 'none' | 'one' | 'many';

export interface ServiceStatus {
  slack: SlackStatus;
  slackWorkspaces: SlackWorkspacesServed;
  mail: 'sendgrid' | 'mail folder';
  database: 'sqlite' | 'postgres';
}

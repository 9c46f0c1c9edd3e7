import type { WorkspaceColumns } from '../domain/shared/slackWorkspaces';

/** What Slack says about an interviewer known by their Slack id. */
export interface InterviewerProfile {
  /** Their address, when Slack shares it (the app needs the `users:read.email` scope). */
  email?: string;
  /** Their real name, to address them and to name them on calendar invitations. */
  name?: string;
  /** Their IANA time zone, to show them the time. */
  timezone?: string;
}

/**
 * Finds the addresses of interviewers given as Slack users, when an email is about to go out:
 * never before a modal's ack, and not in the domain. `lookUp` throws a `DeliveryError` when it
 * cannot ask now (retry later); it resolves `{}` when there is nothing to learn (no such user).
 */
export interface InterviewerDirectory {
  lookUp(workspace: WorkspaceColumns, slackUserId: string): Promise<InterviewerProfile>;
}

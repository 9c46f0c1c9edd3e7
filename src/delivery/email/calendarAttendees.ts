import type { Interview } from '../../domain/interviews/Interview';
import type { Interviewer } from '../../domain/shared/participants';
import type { WorkspaceColumns } from '../../domain/shared/slackWorkspaces';
import type { Logger } from '../../logging/logger';
import type { CalendarAttendee } from '../../presenters/calendarInvite';
import type { InterviewerDirectory } from '../interviewerDirectory';
import type { InterviewerRecipient } from './interviewerEmail';

/**
 * The interviewers on an invitation's guest list: those given by address, and Slack users whose
 * address Slack shares. Best effort: a Slack user who cannot be looked up right now is left off,
 * so the candidate's email never waits for Slack.
 */
export async function findInterviewerAttendees(
  interview: Pick<Interview, 'id' | 'interviewers' | 'slackTeamId' | 'slackEnterpriseId'>,
  directory: InterviewerDirectory | null,
  logger?: Logger,
): Promise<CalendarAttendee[]> {
  const attendees = await Promise.all(
    interview.interviewers.map(async (interviewer): Promise<CalendarAttendee | null> => {
      if (interviewer.email) return { email: interviewer.email, name: interviewer.name };
      if (!interviewer.slackUserId || !directory) return null;
      try {
        const profile = await directory.lookUp(interview, interviewer.slackUserId);
        return profile.email ? { email: profile.email, name: profile.name } : null;
      } catch (error) {
        logger?.warn(
          { err: error, interviewId: interview.id },
          'Could not look up an interviewer; leaving them off this calendar invitation',
        );
        return null;
      }
    }),
  );
  return attendees.filter((attendee): attendee is CalendarAttendee => attendee !== null);
}

/**
 * Where one interviewer's own copy goes, or why no address can be known (Slack is off, or does not
 * share it: the copy is then skipped with that reason). A `DeliveryError` passes through when Slack
 * cannot be asked now, so the copy is retried.
 */
export async function findInterviewerRecipient(
  interviewer: Pick<Interviewer, 'slackUserId' | 'email'>,
  workspace: WorkspaceColumns,
  directory: InterviewerDirectory | null,
): Promise<InterviewerRecipient | { unreachable: string }> {
  if (interviewer.email) return { email: interviewer.email };
  if (!interviewer.slackUserId) return { unreachable: 'The interviewer has neither an email address nor a Slack account.' };
  if (!directory) {
    return { unreachable: `Slack is off in this app, so the email address of Slack user ${interviewer.slackUserId} cannot be read.` };
  }
  const profile = await directory.lookUp(workspace, interviewer.slackUserId);
  if (!profile.email) {
    return {
      unreachable: `Slack does not share the email address of Slack user ${interviewer.slackUserId} (the app needs the users:read.email scope; reinstall it after adding the scope).`,
    };
  }
  return { email: profile.email, name: profile.name, timezone: profile.timezone };
}

import { z } from 'zod';
import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import { meetingUrlSchema } from '../../domain/interviews/interviewInput';
import type { Interview } from '../../domain/interviews/Interview';
import { MeetingStatus } from '../../domain/meetings/Meeting';
import type { MeetingRequest } from '../../domain/meetings/meetingProvider';
import { interviewEventText } from '../../domain/calendars/interviewEventText';
import { ProviderError } from '../../domain/shared/providerError';
import { DeliveryError } from '../deliveryError';
import type { DeliveryHandlers } from '../deliveryWorker';
import { findInterviewerRecipient } from '../email/calendarAttendees';
import { calendarInterviewerKey } from '../../domain/interviews/calendarEventOutcomes';
import type { InterviewerDirectory } from '../interviewerDirectory';
import type { MeetingProviderSetup } from './meetingProviderSetup';

/** A move that finds its meeting still being made asks again this much later. */
const MEETING_NOT_MADE_YET_RETRY_MS = 5_000;

export interface MeetingDeliveryDependencies extends MeetingProviderSetup {
  /** Reads the address of a first interviewer known only by Slack id; null while Slack is off. */
  directory: InterviewerDirectory | null;
}

/**
 * The outbox handlers that make, move and delete each interview's video meeting at the provider.
 * Making is exactly once: the adapters look the meeting up by the interview's id (or make the
 * create idempotent) before creating, so a retry after a lost answer finds the first meeting. A
 * provider's 429 or 5xx is retried by the outbox, honouring Retry-After; a refusal for good
 * (bad credentials, unknown host) fails the job, which marks the meeting failed with the reason.
 */
export function createMeetingHandlers(dependencies: MeetingDeliveryDependencies): DeliveryHandlers {
  const { provider } = dependencies;
  return {
    [DeliveryKind.MeetingCreate]: async (_job, _payload, { interview }) => {
      const request = meetingRequestOf(interview, await hostOf(interview, dependencies));
      const meeting = await asDelivery(() => provider.createMeeting(request));
      // The link reaches the candidate's join page, emails and Slack: the same rule as a link set by hand.
      if (!z.safeParse(meetingUrlSchema, meeting.joinUrl).success) {
        throw DeliveryError.permanent(`The ${provider.name} meeting's join link is not an http(s) link; set the call link by hand.`);
      }
      const first = interview.interviewers[0];
      // The outcome reads the interview again: a meeting made for an interview cancelled, given a
      // link by hand, or given another first interviewer meanwhile is deleted (and made again under the new host).
      const hostInterviewerKey = first ? calendarInterviewerKey(first) : '';
      return { providerMessageId: meeting.meetingId, made: { ...meeting, host: request.host, hostInterviewerKey } };
    },
    [DeliveryKind.MeetingMove]: async (_job, _payload, { meeting, interview }) => {
      if (!meeting.providerMeetingId) {
        if (meeting.status === MeetingStatus.Pending) {
          throw DeliveryError.retryable('The meeting is still being made; it is moved once it exists.', MEETING_NOT_MADE_YET_RETRY_MS);
        }
        return { skipped: 'No meeting was made, so there is none to move.' };
      }
      const host = meeting.host ?? (await hostOf(interview, dependencies));
      await asDelivery(() => provider.moveMeeting(meeting.providerMeetingId!, meetingRequestOf(interview, host)));
      return { providerMessageId: meeting.providerMeetingId };
    },
    [DeliveryKind.MeetingDelete]: async (_job, replaced, { meeting, interview }) => {
      if (replaced) {
        // A meeting no longer the interview's own: replaced by a link set by hand, or left on a former host.
        const host = replaced.host ?? meeting.host ?? (await hostOf(interview, dependencies));
        const meetingId =
          replaced.meetingId ??
          meeting.providerMeetingId ??
          (await asDelivery(() => provider.findMeeting({ interviewId: interview.id, host })))?.meetingId;
        if (!meetingId) return { skipped: 'No meeting was made, so there is none to delete.' };
        await asDelivery(() => provider.deleteMeeting(meetingId, host));
        return { providerMessageId: meetingId };
      }
      const host = meeting.host ?? (await hostOf(interview, dependencies));
      // A meeting whose making was under way when the interview was cancelled: look it up, to delete it too.
      const meetingId =
        meeting.providerMeetingId ?? (await asDelivery(() => provider.findMeeting({ interviewId: interview.id, host })))?.meetingId;
      if (!meetingId) return { skipped: 'No meeting was made, so there is none to delete.' };
      await asDelivery(() => provider.deleteMeeting(meetingId, host));
      return { providerMessageId: meetingId };
    },
  };
}

/**
 * The host: the first interviewer's address (read from Slack for one known by Slack id), else,
 * for Zoom, ZOOM_DEFAULT_HOST. Meet and Teams need that interviewer's own calendar.
 */
async function hostOf(interview: Interview, { provider, defaultHost, directory }: MeetingDeliveryDependencies): Promise<string> {
  const first = interview.interviewers[0];
  const found = first ? await findInterviewerRecipient(first, interview, directory) : null;
  if (found && 'email' in found) return found.email;
  if (defaultHost) return defaultHost;
  const why = found ? found.unreachable : 'The interview has no interviewers.';
  const needs =
    provider.name === 'google-meet'
      ? 'a Google Meet is made on their Google Calendar'
      : 'a Teams meeting is made on their Outlook calendar';
  throw DeliveryError.permanent(`${why} The first interviewer’s email address is needed: ${needs}.`);
}

/** The meeting as the provider shows it: the interview's title, who takes part, its time. */
function meetingRequestOf(interview: Interview, host: string): MeetingRequest {
  const interviewers = interview.interviewers.map((person) => person.name ?? person.email ?? '').filter((name) => name !== '');
  const { title, description } = interviewEventText({
    candidateName: interview.candidateName,
    role: interview.role ?? undefined,
    otherParticipants: [...interviewers, interview.candidateName],
  });
  return {
    interviewId: interview.id,
    host,
    title,
    description,
    startsAt: interview.scheduledTime,
    durationMinutes: interview.durationMinutes,
    timeZone: interview.timezone,
  };
}

/** A provider's failure as the outbox's: retried (after its Retry-After) or failed for good, with the provider's reason. */
async function asDelivery<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError) throw new DeliveryError(error.message, error.retryable, error.retryAfterMs);
    throw error;
  }
}

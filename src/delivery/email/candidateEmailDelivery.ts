import { DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import { InterviewStatus } from '../../domain/interviews/interviewStatus';
import type { Logger } from '../../logging/logger';
import type { DeliveryHandler, DeliveryHandlers } from '../deliveryWorker';
import type { InterviewerDirectory } from '../interviewerDirectory';
import { findInterviewerAttendees, findInterviewerRecipient } from './calendarAttendees';
import { presentCandidateEmail, presentCandidateReminderEmail, type CandidateEmail } from './candidateEmail';
import { presentInterviewerEmail } from './interviewerEmail';
import type { MailAddress } from '../../config/mailAddress';
import type { Mailer } from './mailer';

export interface EmailHandlerOptions {
  /** Reads Slack interviewers' addresses for the calendar invitations; null while Slack is off. */
  directory?: InterviewerDirectory | null;
  /** The clock a reminder's "starts in 1 hour" is told by. */
  now?: () => Date;
  logger?: Logger;
}

/**
 * The outbox handlers that send email: the candidate's invitation, update, cancellation and
 * reminders, and each interviewer's copy of the calendar invitation.
 */
export function createCandidateEmailHandlers(mailer: Mailer, sender: MailAddress, options: EmailHandlerOptions = {}): DeliveryHandlers {
  const directory = options.directory ?? null;
  const now = options.now ?? (() => new Date());
  const send = async (jobId: string, interviewId: string, to: { email: string; name?: string }, email: CandidateEmail) => {
    const { providerMessageId } = await mailer.send({
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: [
        {
          filename: email.calendar.filename,
          type: `text/calendar; method=${email.calendar.method}`,
          content: email.calendar.content,
        },
      ],
      tags: { interviewId, deliveryJobId: jobId },
    });
    return { providerMessageId };
  };
  const invite: DeliveryHandler<DeliveryKind.CandidateInvitation> = async (job, _payload, interview) => {
    const attendees = await findInterviewerAttendees(interview, directory, options.logger);
    const email = presentCandidateEmail(interview, 'invitation', sender, attendees);
    return send(job.id, interview.id, { email: interview.candidateEmail, name: interview.candidateName }, email);
  };
  const update: DeliveryHandler<DeliveryKind.CandidateUpdate> = async (job, payload, interview) => {
    const attendees = await findInterviewerAttendees(interview, directory, options.logger);
    const email = presentCandidateEmail(interview, 'update', sender, attendees, payload?.change ?? 'time');
    return send(job.id, interview.id, { email: interview.candidateEmail, name: interview.candidateName }, email);
  };
  /** To the candidate, or to an address the interview no longer has, with the (now dead) link that address was sent. */
  const cancel: DeliveryHandler<DeliveryKind.CandidateCancellation> = async (job, payload, interview) => {
    const attendees = await findInterviewerAttendees(interview, directory, options.logger);
    const former = payload?.formerCandidate;
    const addressed = former
      ? {
          ...interview,
          status: InterviewStatus.Cancelled,
          candidateEmail: former.email,
          candidateName: former.name,
          joinLink: former.joinLink,
        }
      : interview;
    const email = presentCandidateEmail(addressed, 'cancellation', sender, attendees);
    return send(job.id, interview.id, { email: addressed.candidateEmail, name: addressed.candidateName }, email);
  };
  const remind: DeliveryHandler<DeliveryKind.CandidateReminder> = async (job, _payload, interview) => {
    const attendees = await findInterviewerAttendees(interview, directory, options.logger);
    const email = presentCandidateReminderEmail(interview, sender, now(), attendees);
    return send(job.id, interview.id, { email: interview.candidateEmail, name: interview.candidateName }, email);
  };
  const inviteInterviewer: DeliveryHandler<DeliveryKind.InterviewerInvitation> = async (job, payload, interview) => {
    const recipient = await findInterviewerRecipient(payload.interviewer, interview, directory);
    if ('unreachable' in recipient) return { skipped: recipient.unreachable };
    const attendees = await findInterviewerAttendees(interview, directory, options.logger);
    // An interviewer taken off an interview that goes ahead gets its cancellation, calendar file (METHOD:CANCEL) included.
    const asTheySee = payload.email === 'cancellation' ? { ...interview, status: InterviewStatus.Cancelled } : interview;
    const email = presentInterviewerEmail(asTheySee, payload.email, recipient, sender, attendees, payload.change ?? 'time');
    return send(job.id, interview.id, { email: recipient.email, name: recipient.name }, email);
  };
  return {
    [DeliveryKind.CandidateInvitation]: invite,
    [DeliveryKind.CandidateUpdate]: update,
    [DeliveryKind.CandidateCancellation]: cancel,
    [DeliveryKind.CandidateReminder]: remind,
    [DeliveryKind.InterviewerInvitation]: inviteInterviewer,
  };
}

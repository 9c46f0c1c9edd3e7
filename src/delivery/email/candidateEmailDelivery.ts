import type { CandidateEmailReason } from '../../domain/deliveryPayloads';
import { CANDIDATE_EMAIL_REASON_BY_KIND } from '../../domain/deliveryPlan';
import type { DeliveryHandler, DeliveryHandlers } from '../deliveryWorker';
import { presentCandidateEmail } from './candidateEmail';
import type { MailAddress } from '../../mailAddress';
import type { Mailer } from './mailer';

/** The outbox handlers that email the candidate: invitation, update and cancellation. */
export function createCandidateEmailHandlers(mailer: Mailer, sender: MailAddress): DeliveryHandlers {
  const handlerFor =
    (reason: CandidateEmailReason): DeliveryHandler =>
    async (job, _payload, interview) => {
      const email = presentCandidateEmail(interview, reason, sender);
      const { providerMessageId } = await mailer.send({
        to: { email: interview.candidateEmail, name: interview.candidateName },
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
        tags: { interviewId: interview.id, deliveryJobId: job.id },
      });
      return { providerMessageId };
    };
  return Object.fromEntries(Object.entries(CANDIDATE_EMAIL_REASON_BY_KIND).map(([kind, reason]) => [kind, handlerFor(reason)]));
}

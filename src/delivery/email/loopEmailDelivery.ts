import type { MailAddress } from '../../config/mailAddress';
import type { Database } from '../../db/database';
import { type DeliveryJob, DeliveryKind } from '../../domain/deliveries/DeliveryJob';
import type { Interview } from '../../domain/interviews/Interview';
import { findLoopSessions } from '../../domain/loops/loopQueries';
import { DeliveryError } from '../deliveryError';
import type { DeliveryHandlers } from '../deliveryWorker';
import { presentLoopEmail, type LoopEmailReason } from './loopEmail';
import type { Mailer } from './mailer';

/** The loop's candidate emails: one invitation, update or cancellation for all its sessions. */
export function createLoopEmailHandlers(mailer: Mailer, sender: MailAddress, database: Database): DeliveryHandlers {
  const send = async (job: DeliveryJob, firstSession: Interview, reason: LoopEmailReason) => {
    if (!firstSession.loopId) throw DeliveryError.permanent('This interview is not part of a loop.');
    const loopId = firstSession.loopId;
    const sessions = await database.read((manager) => findLoopSessions(manager, loopId));
    const email = presentLoopEmail(sessions, reason, sender);
    const { providerMessageId } = await mailer.send({
      to: { email: firstSession.candidateEmail, name: firstSession.candidateName },
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: [
        { filename: email.calendar.filename, type: `text/calendar; method=${email.calendar.method}`, content: email.calendar.content },
      ],
      tags: { interviewId: firstSession.id, deliveryJobId: job.id },
    });
    return { providerMessageId };
  };
  return {
    [DeliveryKind.LoopInvitation]: (job, _payload, firstSession) => send(job, firstSession, 'invitation'),
    [DeliveryKind.LoopUpdate]: (job, _payload, firstSession) => send(job, firstSession, 'update'),
    [DeliveryKind.LoopCancellation]: (job, _payload, firstSession) => send(job, firstSession, 'cancellation'),
  };
}

import { IsNull } from 'typeorm';
import { Interview } from './Interview';
import { InterviewEventType } from './InterviewEvent';
import { planDeliveriesForCandidateVisit, queueDeliveries } from './interviewDeliveries';
import type { DomainContext } from '../shared/domainContext';
import { recordInterviewEvent } from './interviewChanges';
import { planInterviewWebhook, withWebhooksIfOn } from './interviewWebhooks';
import { isWellFormedSessionKey } from './joinLink';

/**
 * The candidate opened their page (reported by the page's own script, never by a GET, which mail
 * scanners also make). Only the first visit is recorded and told in the channel's thread.
 * Returns false for a key that opens nothing, without saying more.
 */
export async function recordCandidateVisit(context: DomainContext, sessionKey: unknown): Promise<boolean> {
  if (!isWellFormedSessionKey(sessionKey)) return false;
  let queued = false;
  const found = await context.database.transaction(async (manager) => {
    const now = context.now();
    const interview = await manager.findOneBy(Interview, { sessionKey });
    if (!interview) return false;
    const first = await manager.update(Interview, { id: interview.id, candidateFirstOpenedAt: IsNull() }, { candidateFirstOpenedAt: now });
    if (first.affected !== 1) return true;
    await recordInterviewEvent(manager, interview.id, InterviewEventType.CandidateOpenedPage, { kind: 'candidate' }, now);
    interview.candidateFirstOpenedAt = now;
    const deliveries = [...planDeliveriesForCandidateVisit(interview), planInterviewWebhook('candidate.joined', interview, now)];
    queued = (await queueDeliveries(manager, interview, withWebhooksIfOn(context, deliveries), now)).length > 0;
    return true;
  });
  if (queued) context.onDeliveriesQueued();
  return found;
}

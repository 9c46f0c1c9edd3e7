import type { DomainContext } from '../shared/domainContext';
import { InterviewEventType } from '../interviews/InterviewEvent';
import { markInterviewCancelled } from '../interviews/cancelInterview';
import { releaseInterviewerBookings } from './interviewerBookings';
import { LoopStatus } from './Loop';
import { changeLoop, type LoopChangeRequest, type LoopChangeResult } from './loopChanges';

/**
 * Cancels the whole loop (POST /api/loops/:id/cancel, or the loop message's button): every
 * session is cancelled, its reminders dropped and its interviewers' time freed; the candidate gets
 * one cancellation email for the loop (an .ics cancelling every session), each interviewer their
 * session's calendar cancellation, and the loop's message shows it.
 */
export function cancelLoop(context: DomainContext, props: LoopChangeRequest): Promise<LoopChangeResult> {
  return changeLoop(
    context,
    props,
    {
      action: 'cancel_loop',
      refusalWhenCancelled: 'This loop is already cancelled.',
      event: InterviewEventType.Cancelled,
      loopChange: 'cancelled',
      interviewerEmail: 'cancellation',
      interviewerNotice: 'cancelled',
    },
    async (manager, loop, sessions, now) => {
      await releaseInterviewerBookings(
        manager,
        sessions.map((session) => session.id),
      );
      for (const session of sessions) await markInterviewCancelled(context, manager, session, now);
      loop.status = LoopStatus.Cancelled;
      loop.cancelledAt = now;
      return { details: () => null, extra: () => [] };
    },
  );
}

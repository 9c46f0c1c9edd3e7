import type { ModalView, View } from '@slack/types';
import type { Interview } from '../../domain/interviews/Interview';
import type { FieldProblem } from '../../domain/shared/errors';
import { describeDuration } from '../../presenters/interviewTime';
import { escapeMrkdwn } from '../messages/mrkdwn';
import { dateTimeInputBlock } from './modalOptions';

export const RESCHEDULE_LOOP_CALLBACK_ID = 'reschedule_loop';
/** The modal's submit button, as notes in the modal name it ("press Reschedule again"). */
export const RESCHEDULE_LOOP_SUBMIT_LABEL = 'Reschedule';

export const RescheduleLoopBlock = {
  /** The first session's new start: the domain's `startsAt`. */
  startsAt: 'loop_new_start',
} as const;

/**
 * A modal to move a whole loop: its first session's new start, pre-filled with the current one.
 * Every session moves by the same amount (moveLoop), so only the first start is asked; the loop's
 * id rides in private_metadata.
 */
export function buildRescheduleLoopModal(loopId: string, sessions: readonly Interview[]): ModalView {
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  const spanMinutes = Math.round((last.scheduledTime.getTime() + last.durationMinutes * 60_000 - first.scheduledTime.getTime()) / 60_000);
  return {
    type: 'modal',
    callback_id: RESCHEDULE_LOOP_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Reschedule loop' },
    submit: { type: 'plain_text', text: RESCHEDULE_LOOP_SUBMIT_LABEL },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ loopId }),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `Move the loop with *${escapeMrkdwn(first.candidateName)}* (${sessions.length} sessions, ${describeDuration(spanMinutes)} in all). ` +
            'Every session moves by the same amount, keeping its order, gaps and join link; the candidate gets one updated invitation.',
        },
      },
      dateTimeInputBlock({ blockId: RescheduleLoopBlock.startsAt, label: 'New start of the first session', initial: first.scheduledTime }),
    ],
  };
}

type StateValues = Record<string, Record<string, { selected_date_time?: number | null }>>;

/** The loop a submitted modal is about, and its body for moveLoop: `{"startsAt"}` as an instant, or nothing picked. */
export function readRescheduleLoopSubmission(view: Pick<View, 'private_metadata'> & { state?: { values: unknown } }): {
  loopId: string | undefined;
  input: { startsAt?: string };
} {
  const values = (view.state?.values ?? {}) as StateValues;
  const seconds = values[RescheduleLoopBlock.startsAt]?.[RescheduleLoopBlock.startsAt]?.selected_date_time;
  return {
    loopId: loopIdOfForm(view),
    input: typeof seconds === 'number' ? { startsAt: new Date(seconds * 1000).toISOString() } : {},
  };
}

function loopIdOfForm(view: { private_metadata?: string }): string | undefined {
  try {
    const metadata = JSON.parse(view.private_metadata ?? '{}') as { loopId?: unknown };
    return typeof metadata.loopId === 'string' ? metadata.loopId : undefined;
  } catch {
    return undefined;
  }
}

/** The modal has one field: every problem is said under it. */
export function rescheduleLoopErrorsFor(problems: FieldProblem[]): Record<string, string> {
  return problems.length > 0
    ? {
        [RescheduleLoopBlock.startsAt]: problems
          .map((problem) => problem.message)
          .join(' ')
          .slice(0, 2000),
      }
    : {};
}

import { DateTime } from 'luxon';
import type { BusyInterviewer } from '../../domain/shared/errors';

/** "Ada Lovelace 10:00–10:30, Grace 14:00–14:30": who is busy when, in `zone`, as a modal's plain text. */
export function formatBusyPeriods(busy: readonly BusyInterviewer[], names: ReadonlyMap<string, string>, zone: string): string {
  const clock = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
  return busy.map((each) => `${names.get(each.interviewer) ?? each.interviewer} ${clock(each.startsAt)}–${clock(each.endsAt)}`).join(', ');
}

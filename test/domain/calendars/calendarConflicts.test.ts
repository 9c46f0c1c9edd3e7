import { calendarConflicts } from '../../../src/domain/calendars/calendarConflicts';

const range = (startsAt: string, endsAt: string) => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

describe('a chosen time against the interviewers’ calendars', () => {
  const proposed = range('2025-06-03T14:00:00Z', '2025-06-03T15:00:00Z');

  it('names who is busy, and only for the part of the time they are', () => {
    const conflicts = calendarConflicts(
      [
        { interviewer: 'ada@acme.test', calendar: { status: 'read', busy: [range('2025-06-03T14:30:00Z', '2025-06-03T16:00:00Z')] } },
        { interviewer: 'grace@acme.test', calendar: { status: 'read', busy: [range('2025-06-03T13:00:00Z', '2025-06-03T14:00:00Z')] } },
        { interviewer: 'alan@acme.test', calendar: { status: 'none' } },
      ],
      proposed,
    );
    expect(conflicts).toEqual({
      busy: [{ interviewer: 'ada@acme.test', ...range('2025-06-03T14:30:00Z', '2025-06-03T15:00:00Z') }],
      unknown: [],
    });
  });

  it('does not count the interview’s own event, at its current time, against its new time', () => {
    const ownEvent = range('2025-06-03T13:30:00Z', '2025-06-03T14:30:00Z');
    const calendar = { status: 'read' as const, busy: [ownEvent] };
    expect(calendarConflicts([{ interviewer: 'ada@acme.test', calendar }], proposed, ownEvent).busy).toEqual([]);
    expect(calendarConflicts([{ interviewer: 'ada@acme.test', calendar }], proposed).busy).toHaveLength(1);
  });

  it('reports a calendar it could not read as unknown, with the reason, and not as busy', () => {
    const conflicts = calendarConflicts(
      [{ interviewer: 'ada@acme.test', calendar: { status: 'unavailable', reason: 'Microsoft 365 has no mailbox ada@acme.test' } }],
      proposed,
    );
    expect(conflicts).toEqual({
      busy: [],
      unknown: [{ interviewer: 'ada@acme.test', reason: 'Microsoft 365 has no mailbox ada@acme.test' }],
    });
  });
});

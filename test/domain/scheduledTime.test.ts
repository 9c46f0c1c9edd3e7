import {
  checkScheduledTimeIsBookable,
  checkTimeMatchesSlot,
  resolveScheduledTime,
  roundUpToStep,
} from '../../src/domain/shared/scheduledTime';

const now = new Date('2030-03-04T10:02:30.000Z');

describe('resolving an interview time (R1)', () => {
  it('uses the time the person asked for, even when a slot was chosen too', () => {
    const explicitTime = new Date('2030-03-05T15:00:00Z');
    const result = resolveScheduledTime({ explicitTime, slotStart: new Date('2030-03-06T09:00:00Z'), now, defaultLeadMinutes: 60 });
    expect(result).toEqual({ time: explicitTime, source: 'explicit' });
  });

  it('uses the start of the chosen availability slot when no time was given', () => {
    const slotStart = new Date('2030-03-06T09:00:00Z');
    expect(resolveScheduledTime({ slotStart, now, defaultLeadMinutes: 60 })).toEqual({ time: slotStart, source: 'slot' });
  });

  it('falls back to now plus the lead time, rounded up to the next five minutes', () => {
    const result = resolveScheduledTime({ now, defaultLeadMinutes: 60 });
    expect(result).toEqual({ time: new Date('2030-03-04T11:05:00.000Z'), source: 'default' });
  });

  it('gives an interview created with only a name and an email a time (the original defect)', () => {
    const result = resolveScheduledTime({ explicitTime: undefined, slotStart: undefined, now, defaultLeadMinutes: 60 });
    expect(result.time).toBeInstanceOf(Date);
    expect(result.time.getTime()).toBeGreaterThan(now.getTime());
  });

  it('keeps a default that already falls on a five-minute mark', () => {
    const onTheMark = new Date('2030-03-04T10:00:00.000Z');
    expect(resolveScheduledTime({ now: onTheMark, defaultLeadMinutes: 60 }).time).toEqual(new Date('2030-03-04T11:00:00.000Z'));
  });

  it('honours a custom DEFAULT_LEAD_MINUTES', () => {
    expect(resolveScheduledTime({ now, defaultLeadMinutes: 30 }).time).toEqual(new Date('2030-03-04T10:35:00.000Z'));
  });
});

describe('rounding up to a step', () => {
  it('drops seconds and milliseconds by rounding up', () => {
    expect(roundUpToStep(new Date('2030-01-01T09:00:00.001Z'), 5)).toEqual(new Date('2030-01-01T09:05:00.000Z'));
  });
});

describe('refusing times that cannot be booked', () => {
  it('refuses a time in the past with a clear message', () => {
    const problem = checkScheduledTimeIsBookable(new Date('2030-03-04T09:00:00Z'), now);
    expect(problem).toEqual({ field: 'scheduledTime', message: expect.stringContaining('in the past') });
  });

  it('refuses a time more than a year ahead', () => {
    const problem = checkScheduledTimeIsBookable(new Date('2031-03-05T10:00:00Z'), now);
    expect(problem?.message).toMatch(/more than 365 days ahead/);
  });

  it('accepts a time between now and a year from now', () => {
    expect(checkScheduledTimeIsBookable(new Date('2030-06-01T10:00:00Z'), now)).toBeNull();
  });

  it('refuses an invalid date', () => {
    expect(checkScheduledTimeIsBookable(new Date('nonsense'), now)?.message).toMatch(/not a valid/);
  });

  it('names the field it was asked to check', () => {
    expect(checkScheduledTimeIsBookable(new Date('2020-01-01T00:00:00Z'), now, 'slotId')?.field).toBe('slotId');
  });
});

describe('a time and a slot given together', () => {
  it('agree when they name the same start', () => {
    const start = new Date('2030-03-06T09:00:00Z');
    expect(checkTimeMatchesSlot(new Date(start), start)).toBeNull();
  });

  it('disagree when they do not, and the person is told to clear one', () => {
    expect(checkTimeMatchesSlot(new Date('2030-03-06T10:00:00Z'), new Date('2030-03-06T09:00:00Z'))?.message).toMatch(
      /does not match the chosen availability slot/,
    );
  });
});

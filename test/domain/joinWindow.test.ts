import { joinOpensAt, joinPageChangesAt, joinPageState } from '../../src/domain/interviews/joinWindow';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';

const settings = { joinOpensMinutesBefore: 15, joinClosesMinutesAfterEnd: 30, joinLinkExpiresDaysAfterEnd: 30 };
const interview = { status: InterviewStatus.Scheduled, scheduledTime: new Date('2030-05-01T15:00:00Z'), durationMinutes: 45 };
const at = (iso: string) => new Date(iso);

describe('what the join page shows over time', () => {
  it('is not open yet more than 15 minutes before the start', () => {
    expect(joinPageState(interview, at('2030-05-01T14:44:59Z'), settings)).toBe('not_open_yet');
  });

  it('opens 15 minutes before the start', () => {
    expect(joinPageState(interview, at('2030-05-01T14:45:00Z'), settings)).toBe('open');
  });

  it('stays open until the grace period after the end', () => {
    expect(joinPageState(interview, at('2030-05-01T16:15:00Z'), settings)).toBe('open');
  });

  it('is over after the grace period', () => {
    expect(joinPageState(interview, at('2030-05-01T16:15:01Z'), settings)).toBe('over');
  });

  it('says a cancelled interview was cancelled, whatever the time', () => {
    expect(joinPageState({ ...interview, status: InterviewStatus.Cancelled }, at('2030-05-01T15:10:00Z'), settings)).toBe('cancelled');
  });

  it('stops opening at all some days after the end', () => {
    expect(joinPageState(interview, at('2030-06-01T00:00:00Z'), settings)).toBe('expired');
  });

  it('knows when the join button appears', () => {
    expect(joinOpensAt(interview, settings)).toEqual(at('2030-05-01T14:45:00Z'));
  });

  it('knows the next moment the page changes by itself: the window opening, then closing', () => {
    const opensAt = joinPageChangesAt(interview, 'not_open_yet', settings);
    expect(opensAt).toEqual(at('2030-05-01T14:45:00Z'));
    expect(joinPageState(interview, new Date(opensAt!.getTime() - 1), settings)).toBe('not_open_yet');
    expect(joinPageState(interview, opensAt!, settings)).toBe('open');
    const closesAt = joinPageChangesAt(interview, 'open', settings);
    expect(joinPageState(interview, new Date(closesAt!.getTime() - 1), settings)).toBe('open');
    expect(joinPageState(interview, closesAt!, settings)).toBe('over');
  });

  it('expects no further change once the interview is over or cancelled', () => {
    expect(joinPageChangesAt(interview, 'over', settings)).toBeNull();
    expect(joinPageChangesAt(interview, 'cancelled', settings)).toBeNull();
  });
});

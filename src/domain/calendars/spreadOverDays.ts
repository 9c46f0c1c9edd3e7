import type { TimeRange } from './freeTimes';
import { DAY_MS, ZoneClock } from './zoneClock';

/**
 * Which `count` of the panel's free times a booking request offers (`findTimes`): spread over the
 * days that have free time (in `zone`, the candidate's), rather than the first `count` starts of
 * the first day. Taken in rounds: each day's earliest time, day after day from the earliest, then
 * each day's second, and so on, so no day gives more than ceil(count / days with free time) while
 * every day has times left, and a day with too few leaves its share to the others. With
 * `count` below the number of days, the earliest days give one each. The answer is earliest
 * first; with no more than `count` free times, all of them. `times` must be earliest first, as
 * findFreeTimes answers.
 */
export function spreadOverDays<Time extends TimeRange>(times: readonly Time[], count: number, zone: string): Time[] {
  if (count <= 0 || times.length === 0) return [];
  if (times.length <= count) return [...times];
  const clock = ZoneClock.covering(zone, times[0].startsAt.getTime(), times[times.length - 1].startsAt.getTime());
  const days = new Map<number, number[]>();
  times.forEach((time, index) => {
    const instant = time.startsAt.getTime();
    const day = Math.floor((instant + clock.offsetAt(instant)) / DAY_MS);
    const ofDay = days.get(day);
    if (ofDay) ofDay.push(index);
    else days.set(day, [index]);
  });
  // In rounds: each day's earliest time not yet taken, day after day from the earliest, until count.
  const chosen: number[] = [];
  const ofDays = [...days.values()];
  for (let round = 0; chosen.length < count; round += 1) {
    for (const ofDay of ofDays) {
      if (round < ofDay.length && chosen.length < count) chosen.push(ofDay[round]);
    }
  }
  return chosen.sort((a, b) => a - b).map((index) => times[index]);
}

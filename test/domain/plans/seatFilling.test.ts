import fc from 'fast-check';
import { fillSeatsInOrder, matchSeats, seatsCanBeFilled } from '../../../src/domain/plans/seatFilling';

/** Every way to give each seat a different one of its candidates, by trying them all. */
function* everyFilling(seats: readonly (readonly string[])[], used: ReadonlySet<string> = new Set()): Generator<string[]> {
  if (seats.length === 0) {
    yield [];
    return;
  }
  for (const person of seats[0]) {
    if (used.has(person)) continue;
    for (const rest of everyFilling(seats.slice(1), new Set([...used, person]))) yield [person, ...rest];
  }
}

const seatsArbitrary = fc.array(fc.uniqueArray(fc.constantFrom('ada', 'bob', 'cat', 'dan', 'eve', 'fay'), { maxLength: 5 }), {
  maxLength: 7,
});

describe('sharing pool members out between seats', () => {
  it('fills every seat exactly when some choice of different people does', () => {
    fc.assert(
      fc.property(seatsArbitrary, (seats) => {
        const possible = !everyFilling(seats).next().done;
        expect(seatsCanBeFilled(seats)).toBe(possible);
        const holders = matchSeats(seats);
        const taken = holders.filter((holder) => holder !== null);
        expect(new Set(taken).size).toBe(taken.length);
        holders.forEach((holder, seat) => holder === null || expect(seats[seat]).toContain(holder));
      }),
    );
  });

  it('fills seats in order with the best candidate that still leaves every later seat someone', () => {
    fc.assert(
      fc.property(seatsArbitrary, (seats) => {
        // Candidates are listed best first, so the wanted filling is the first in that order.
        const first = everyFilling(seats).next();
        expect(fillSeatsInOrder(seats)).toEqual(first.done ? null : first.value);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives round 1 its second choice when its first is the only one round 2 can have', () => {
    expect(fillSeatsInOrder([['ada', 'bob'], ['ada']])).toEqual(['bob', 'ada']);
    expect(fillSeatsInOrder([['ada'], ['ada']])).toBeNull();
  });
});

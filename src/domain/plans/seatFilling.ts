/**
 * Pools that share people across a loop's sessions ("any one of these five" for two coding
 * rounds) compete for them: each needed member is a seat, each seat has the people who could take
 * it, and nobody takes two. Whether all seats can be taken is a bipartite matching, found with
 * augmenting paths (Kuhn's algorithm); seats and people number in the tens.
 */

/** Who takes each seat (`null`: nobody could), taking as many seats as can be taken at once. */
export function matchSeats(seats: readonly (readonly string[])[], taken: ReadonlySet<string> = new Set()): Array<string | null> {
  const seatOf = new Map<string, number>();
  const holders: Array<string | null> = seats.map(() => null);
  const place = (seat: number, visited: Set<string>): boolean => {
    for (const person of seats[seat]) {
      if (taken.has(person) || visited.has(person)) continue;
      visited.add(person);
      const other = seatOf.get(person);
      if (other === undefined || place(other, visited)) {
        seatOf.set(person, seat);
        holders[seat] = person;
        return true;
      }
    }
    return false;
  };
  seats.forEach((_, seat) => place(seat, new Set()));
  return holders;
}

/** Whether every seat can be taken, each by a different person, none of them `taken`. */
export function seatsCanBeFilled(seats: readonly (readonly string[])[], taken: ReadonlySet<string> = new Set()): boolean {
  return matchSeats(seats, taken).every((holder) => holder !== null);
}

/**
 * Fills the seats in order, each with the first of its candidates (listed best first) that still
 * leaves every later seat someone: so no one better is passed over unless taking them would leave
 * a later seat empty. Null when the seats cannot all be filled.
 *
 * Starts from any full matching and improves it seat by seat: giving seat i a better candidate
 * who holds a later seat j leaves only j empty, and the later seats can all still be filled
 * exactly when one augmenting path from j exists (seats before i and the candidate stay put).
 */
export function fillSeatsInOrder(seats: readonly (readonly string[])[]): string[] | null {
  const holders = matchSeats(seats);
  if (holders.some((holder) => holder === null)) return null;
  const filled = holders as string[];
  const settled = new Set<string>();
  for (const [index, candidates] of seats.entries()) {
    for (const person of candidates) {
      if (settled.has(person)) continue;
      if (person === filled[index] || giveSeat(seats, filled, index, person, settled)) break;
    }
    settled.add(filled[index]);
  }
  return filled;
}

/** Moves `person` to seat `index` if the later seats can all keep someone; changes nothing otherwise. */
function giveSeat(
  seats: readonly (readonly string[])[],
  holders: string[],
  index: number,
  person: string,
  settled: ReadonlySet<string>,
): boolean {
  const previous = holders[index];
  const vacated = holders.indexOf(person, index + 1);
  holders[index] = person;
  if (vacated === -1) return true;
  const seatOf = new Map<string, number>();
  for (let seat = index + 1; seat < holders.length; seat += 1) if (seat !== vacated) seatOf.set(holders[seat], seat);
  const visited = new Set<string>([...settled, person]);
  const refill = (seat: number): boolean => {
    for (const candidate of seats[seat]) {
      if (visited.has(candidate)) continue;
      visited.add(candidate);
      const other = seatOf.get(candidate);
      if (other === undefined || refill(other)) {
        holders[seat] = candidate;
        seatOf.set(candidate, seat);
        return true;
      }
    }
    return false;
  };
  const snapshot = holders.slice(index + 1);
  if (refill(vacated)) return true;
  holders.splice(index + 1, snapshot.length, ...snapshot);
  holders[index] = previous;
  return false;
}

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
 */
export function fillSeatsInOrder(seats: readonly (readonly string[])[]): string[] | null {
  const used = new Set<string>();
  const holders: string[] = [];
  for (const [index, candidates] of seats.entries()) {
    const holder = candidates.find((person) => {
      if (used.has(person)) return false;
      used.add(person);
      if (seatsCanBeFilled(seats.slice(index + 1), used)) return true;
      used.delete(person);
      return false;
    });
    if (holder === undefined) return null;
    holders.push(holder);
  }
  return holders;
}

import { isStorableInstant } from './timeInput';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page's position after `row`, opaque to clients: an instant (a creation, a start) and an id, the same for every list the API pages through. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

/** Null for a cursor this app did not make; callers report it as a bad field. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const instant = new Date(typeof createdAt === 'string' ? createdAt : Number.NaN);
    if (typeof id !== 'string' || !UUID.test(id) || !isStorableInstant(instant)) return null;
    return { createdAt: instant, id };
  } catch {
    return null;
  }
}

/**
 * One page out of `rows`, read with one row more than `limit` to learn whether another page
 * follows: the rows to show, and the cursor after the last of them (null on the last page).
 */
export function takePage<Row>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => { createdAt: Date; id: string },
): { page: Row[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { page, nextCursor: hasMore && last ? encodeCursor(positionOf(last)) : null };
}

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

import { CommonError } from './common.errors.js';
import { isUuid } from './ids.js';

/**
 * The hub's one paging convention: every list that can grow takes `cursor` and `limit`
 * and answers `nextCursor` (null on the last page). A cursor is opaque to clients:
 * base64url of `<kind>1:<position>`, the position being the keyset of the last row
 * served (a sequence number, or a time and an id). A cursor of another list, another
 * hub version or made up is refused with 400 CURSOR_INVALID, before any query runs.
 */
export type CursorKind = 'c' | 'f' | 'n' | 'a' | 'd' | 'r' | 'm' | 't' | 'k' | 'u' | 'p' | 'x' | 'y';

/** A bigint sequence number that PostgreSQL can take: at most 18 digits (below 2^63). */
const SEQUENCE = /^[0-9]{1,18}$/;

export function encodeCursor(kind: CursorKind, ...position: Array<string | number | bigint>): string {
  return Buffer.from(`${kind}1:${position.join('|')}`).toString('base64url');
}

type PartCheck = (part: string) => boolean;
const isSequence: PartCheck = (part) => SEQUENCE.test(part);

function decode(kind: CursorKind, cursor: string, parts: readonly PartCheck[]): string[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${kind}1:`;
  const position = text.startsWith(prefix) ? text.slice(prefix.length).split('|') : [];
  if (position.length !== parts.length || position.some((part, index) => !parts[index]!(part))) {
    throw new CommonError('CURSOR_INVALID', 'The cursor is not one this list issued; start again without it.');
  }
  return position;
}

/** The sequence number a cursor of this kind carries, as a decimal string (bigint-safe). */
export function sequenceAfter(kind: CursorKind, cursor: string): string {
  return decode(kind, cursor, [isSequence])[0]!;
}

/**
 * The time (microseconds since the epoch, as PostgreSQL keeps it: a JavaScript Date
 * would drop the microseconds and skip or repeat rows) and id of the last row served,
 * for keyset paging on (time, id) (common/keyset-page.ts).
 */
export function microsAndIdAfter(kind: CursorKind, cursor: string): { micros: string; id: string } {
  const [micros, id] = decode(kind, cursor, [isSequence, isUuid]);
  return { micros: micros!, id: id! };
}

/** A page of `limit` rows from `limit + 1` read: the extra row only says that there is more. */
export function pageOf<Row>(rows: readonly Row[], limit: number, cursorOf: (last: Row) => string): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit && page.length > 0 ? cursorOf(page[page.length - 1]!) : null };
}

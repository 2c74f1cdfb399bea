import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor, microsAndIdAfter, pageOf, type CursorKind } from './paging.js';

/**
 * One page of a list ordered by a time column and the id (keyset paging, common/paging.ts): the filters are
 * the caller's, on `builder` (alias `alias`); the order, the cursor's condition and the next cursor are here.
 * The time travels in the cursor as microseconds read by PostgreSQL, never through a JavaScript Date.
 */
export async function keysetPageByTime<Entity extends ObjectLiteral & { id: string }>(
  builder: SelectQueryBuilder<Entity>,
  page: { alias: string; timeColumn: string; direction: 'ASC' | 'DESC'; kind: CursorKind; cursor: string | undefined; limit: number },
): Promise<{ rows: Entity[]; nextCursor: string | null }> {
  const time = `${page.alias}.${page.timeColumn}`;
  builder
    .addSelect(`(extract(epoch from ${time}) * 1000000)::bigint::text`, 'position')
    .orderBy(time, page.direction)
    .addOrderBy(`${page.alias}.id`, page.direction)
    .limit(page.limit + 1);
  if (page.cursor) {
    const after = microsAndIdAfter(page.kind, page.cursor);
    const beyond = page.direction === 'ASC' ? '>' : '<';
    builder.andWhere(`(${time}, ${page.alias}.id) ${beyond} (timestamptz 'epoch' + CAST(:micros AS bigint) * interval '1 microsecond', :id)`, { micros: after.micros, id: after.id });
  }
  const { entities, raw } = await builder.getRawAndEntities<{ position: string }>();
  const rows = pageOf(entities.map((entity, index) => ({ entity, position: raw[index]!.position })), page.limit, (last) => encodeCursor(page.kind, last.position, last.entity.id));
  return { rows: rows.rows.map((row) => row.entity), nextCursor: rows.nextCursor };
}

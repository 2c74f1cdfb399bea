import type { DataKeyRing, Transact } from './data-key-ring.js';

/** The first uuid, where a walk in id order starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Where a module keeps stored documents (a JWS, JSON text) sealed one per row, as its
 * owner spells it. Both SELECTs return `id` and `value` after `$1` in id order, at most
 * `$2` rows; `stale` also takes `$3`, a LIKE pattern of values under the current key.
 * `update` sets `$2` on row `$1` only while it still holds `$3`.
 */
export interface SealedDocuments {
  unsealed: string;
  stale: string;
  update: string;
  context: (id: string) => string;
}

/**
 * Seals every stored document in scope under the current data key, a batch per
 * transaction: those written before sealing (`unsealed`, at start) or every one not under
 * the current key (`stale`, by `npm run pii:rekey`). Returns how many were written. A row
 * changed since it was read is left to the next pass (the update compares values).
 */
export async function resealDocuments(ring: DataKeyRing, transact: Transact, scope: 'unsealed' | 'stale', documents: SealedDocuments, batchSize = 200): Promise<number> {
  let after = FIRST_ID;
  let written = 0;
  for (;;) {
    const batch = await transact(async (run) => {
      const rows = (scope === 'unsealed'
        ? await run(documents.unsealed, [after, batchSize])
        : await run(documents.stale, [after, batchSize, `e1.${ring.currentKid}.%`])) as Array<{ id: string; value: string }>;
      for (const row of rows) {
        const context = documents.context(row.id);
        await run(documents.update, [row.id, ring.seal(context, await ring.openDocument(context, row.value)), row.value]);
      }
      return rows;
    });
    written += batch.length;
    if (batch.length < batchSize) return written;
    after = batch.at(-1)!.id;
  }
}

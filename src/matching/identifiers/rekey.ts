import type pg from 'pg';
import { rekey } from './blind-index.js';
import { MATCHING_LOCK } from '../matching-lock.js';
import { hashesOfCasesAfter, LOCK_MATCHING, rekeyHashes } from '../matching.sql.js';

const CASES_PER_STEP = 5_000;

export interface RekeyResult {
  identifiers: number;
  splits: number;
}

/**
 * Rotates the blind index to a new key without raw values: every stored hash h
 * becomes HMAC(newKey, h), which is what the hub computes once MATCHING_INDEX_KEYS
 * ends with newKey (schemas/README.md §2.6). One transaction: all or nothing.
 * Cases are walked by id, which the update does not change, so no hash is re-keyed twice.
 * Ingests wait on the matching lock while it runs.
 */
export async function rekeyMatchingIndex(client: pg.ClientBase, newKey: Buffer): Promise<RekeyResult> {
  await client.query('BEGIN');
  try {
    await client.query(LOCK_MATCHING, [MATCHING_LOCK]);
    const result: RekeyResult = { identifiers: 0, splits: 0 };
    for (const table of ['match_identifier', 'match_split'] as const) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const { rows } = await client.query<{ case_id: string; blind_index: Buffer }>(
          hashesOfCasesAfter(table),
          [after, CASES_PER_STEP],
        );
        if (rows.length === 0) break;
        await client.query(
          rekeyHashes(table),
          [rows.map((row) => row.case_id), rows.map((row) => row.blind_index), rows.map((row) => rekey(newKey, row.blind_index))],
        );
        if (table === 'match_identifier') result.identifiers += rows.length;
        else result.splits += rows.length;
        after = rows.reduce((max, row) => (row.case_id > max ? row.case_id : max), after);
      }
    }
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { RunQuery, Transact } from './data-key-ring.js';

/** Transactions on the hub's DataSource. */
export function transactOn(dataSource: DataSource): Transact {
  return (steps) => dataSource.transaction((manager) => steps((sql, params) => manager.query(sql, params)));
}

/** Transactions on one pg client (the command-line tools). */
export function transactOnClient(client: pg.Client): Transact {
  const run: RunQuery = async (sql, params) => (await client.query(sql, params)).rows;
  return async (steps) => {
    await client.query('BEGIN');
    try {
      const result = await steps(run);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { transactionOpenedBy } from '../../src/database/transaction-opened-by.js';
import { TestDatabase } from '../support/hub-harness.js';

describe('transactionOpenedBy: BEGIN and the first statement in one round trip', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const databaseUrl = await TestDatabase.createIsolated('opened-by');
    // One connection: a transaction left open or aborted would break the next use at once.
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 1 } }).initialize();
    await dataSource.query('CREATE TABLE opened_by_note (id int PRIMARY KEY)');
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const notes = async (): Promise<number[]> => ((await dataSource.query('SELECT id FROM opened_by_note ORDER BY id')) as Array<{ id: number }>).map((row) => row.id);

  it('hands the opening rows to the work and commits what it wrote, in one transaction', async () => {
    const seen = await transactionOpenedBy(dataSource, 'SELECT 41 + 1 AS answer, txid_current() AS txid', async (manager, rows: Array<{ answer: number; txid: string }>) => {
      await manager.query('INSERT INTO opened_by_note (id) VALUES ($1)', [rows[0]!.answer]);
      const [{ txid }] = (await manager.query('SELECT txid_current() AS txid')) as Array<{ txid: string }>;
      return { answer: rows[0]!.answer, sameTransaction: txid === rows[0]!.txid };
    });
    expect(seen).toEqual({ answer: 42, sameTransaction: true });
    expect(await notes()).toEqual([42]);
  });

  it('rolls back when the work throws, and leaves the connection outside any transaction', async () => {
    await expect(transactionOpenedBy(dataSource, 'SELECT 1', async (manager) => {
      await manager.query('INSERT INTO opened_by_note (id) VALUES (7)');
      throw new Error('refused after writing');
    })).rejects.toThrow('refused after writing');
    expect(await notes()).toEqual([42]);
    expect(await dataSource.query('SELECT now() = statement_timestamp() AS outside')).toEqual([{ outside: true }]);
  });

  it('rolls back when a statement fails inside, and when the opening statement fails', async () => {
    await expect(transactionOpenedBy(dataSource, 'SELECT 1', async (manager) => {
      await manager.query('INSERT INTO opened_by_note (id) VALUES (8)');
      await manager.query('INSERT INTO opened_by_note (id) VALUES (42)');
    })).rejects.toThrow(/duplicate key/);
    await expect(transactionOpenedBy(dataSource, 'SELECT 1 / 0', async () => 'never')).rejects.toThrow(/division by zero/);
    expect(await notes()).toEqual([42]);
    expect(await transactionOpenedBy(dataSource, 'SELECT 2 AS two', async (_manager, rows) => rows)).toEqual([{ two: 2 }]);
  });
});

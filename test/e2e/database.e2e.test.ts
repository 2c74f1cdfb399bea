import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationListener } from '../../src/database/notification-listener.js';
import { transactionOpenedBy } from '../../src/database/transaction-opened-by.js';
import { TestDatabase } from '../support/hub-harness.js';
import { SwitchableProxy } from '../support/switchable-proxy.js';

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

describe('NotificationListener: one connection or one attempt at a time, while PostgreSQL is away', () => {
  it('retries once per loss, however a failed attempt reports itself, and listens again when the server is back', async () => {
    const databaseUrl = await TestDatabase.createIsolated('listener');
    const server = new URL(databaseUrl);
    const proxy = await SwitchableProxy.start(`http://${server.host}`);
    const throughProxy = new URL(databaseUrl);
    throughProxy.port = new URL(proxy.url).port;
    const db = TestDatabase.open(databaseUrl);
    const retries: Array<() => Promise<void>> = [];
    const payloads: string[] = [];
    let losses = 0;
    let lossSeen: (() => void) | undefined;
    const nextLoss = (): Promise<void> => new Promise((resolve) => (lossSeen = resolve));
    const listener = new NotificationListener(
      { url: throughProxy.href, channel: 'listener_test', name: 'listener-test', retry: (reconnect) => retries.push(reconnect) },
      (payload) => payloads.push(payload),
      () => {
        losses++;
        lossSeen?.();
      },
    );
    const notified = async (payload: string): Promise<void> => {
      await db.query(`SELECT pg_notify('listener_test', $1)`, [payload]);
      // The notification travels on the listener's own connection: a round trip on it delivers what came before.
      while (!payloads.includes(payload)) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      await listener.start();
      expect(listener.listening).toBe(true);
      await notified('first');

      // The server goes away: one loss, one retry scheduled.
      const lost = nextLoss();
      proxy.refuseEverything();
      await lost;
      expect(listener.listening).toBe(false);
      expect(retries).toHaveLength(1);

      // Each failed attempt schedules exactly one more (before, each scheduled up to three).
      for (let attempt = 1; attempt <= 4; attempt++) {
        const accepted = proxy.accepted;
        await retries.shift()!();
        expect(proxy.accepted).toBe(accepted + 1);
        expect(retries).toHaveLength(1);
      }
      const lossesWhileAway = losses;

      proxy.forwardAgain();
      await retries.shift()!();
      expect(listener.listening).toBe(true);
      expect(retries).toHaveLength(0);
      expect(losses).toBe(lossesWhileAway);
      await notified('back');
    } finally {
      await listener.stop();
      await proxy.stop();
      await db.close();
    }
  });
});

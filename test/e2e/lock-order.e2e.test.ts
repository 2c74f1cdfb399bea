import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Outbox } from '../../src/delivery/outbox.service.js';
import type { OutboxMessage } from '../../src/delivery/outbox-message.entity.js';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';

/**
 * The hub's lock order (ARCHITECTURE.md): a transaction locks the rows it changes first and
 * the audit log last (since issue 20 appending takes no lock at all, which this still proves harmless). Issue 16: the push worker, on a 2xx, appended its audit entry (the
 * chain's lock) and then moved the referral (its row), while a status event moves the
 * referral and then appends: PostgreSQL found deadlocks under ordinary load. Here the two
 * are interleaved on purpose, on real connections, so the order is tested, not the timing.
 */
describe('lock order', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('locks');
    hub = await TestHub.start({ databaseUrl, env: { DELIVERY_WORKER: 'false', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true' } });
    db = TestDatabase.open(databaseUrl);
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('records a push answered 2xx while a status event holds the referral, without a deadlock', async () => {
    const staff = await hub.token('staff', 'somchai');
    const agency = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: 'http://127.0.0.1:9/ocx' });
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const referralId = (await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id as string;
    const [message] = await db.query<OutboxMessage & { referral_id: string }>('SELECT * FROM outbox_message WHERE referral_id = $1', [referralId]);

    // A status event's statement, held between its two locks: the referral's row taken, the chain's not yet.
    const event = new pg.Client({ connectionString: databaseUrl });
    await event.connect();
    try {
      await event.query('BEGIN');
      await event.query(`UPDATE referral SET status = 'acknowledged', updated_at = now() WHERE id = $1`, [referralId]);

      // Meanwhile the worker records the 2xx, through the real handler, in a transaction of its own.
      const dataSource = hub.app.get(DataSource);
      const handler = hub.app.get(Outbox).deliveredHandler('ocx.referral')!;
      const pushed = { id: message!.id, referralId, partnerId: agency.id, endpointUrl: 'http://127.0.0.1:9/ocx', attempts: 1, documentType: 'ocx.referral' } as OutboxMessage;
      const worker = dataSource.transaction((manager) => handler(manager, pushed)).then(() => 'recorded', (error: { code?: string; driverError?: { code?: string } }) => error.driverError?.code ?? error.code ?? 'failed');
      // Give the worker time to reach whichever lock it takes first (a wait for a lock, not for the clock).
      await waitUntilBlocked(databaseUrl);

      // The event's second lock: with the worker holding the chain and waiting for the row, this is a deadlock.
      const appended = await event.query(`SELECT audit_append(ARRAY['{"at":"2026-01-01T00:00:00Z","actor":"a","actorRole":"partner","action":"status_event.accepted","subjectType":"referral","subjectId":null,"partnerId":null,"outcome":"ok","details":{}}']::jsonb[])`)
        .then(() => 'appended', (error: { code?: string }) => error.code ?? 'failed');
      await event.query(appended === 'appended' ? 'COMMIT' : 'ROLLBACK');
      expect({ event: appended, worker: await worker }).toEqual({ event: 'appended', worker: 'recorded' });
    } finally {
      await event.end();
    }
    // The partner's acknowledgement stands: the push does not move a referral back to delivered.
    expect((await db.query('SELECT status FROM referral WHERE id = $1', [referralId]))[0].status).toBe('acknowledged');
    expect(await db.query(`SELECT action FROM audit_entry WHERE subject_id = $1 AND action = 'referral.pushed'`, [referralId])).toHaveLength(1);
  });
});

/** Waits until some backend of this database is waiting for a lock. */
async function waitUntilBlocked(databaseUrl: string): Promise<void> {
  const watcher = new pg.Client({ connectionString: databaseUrl });
  await watcher.connect();
  try {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n > 0) return;
    }
    throw new Error('nobody waited for a lock');
  } finally {
    await watcher.end();
  }
}

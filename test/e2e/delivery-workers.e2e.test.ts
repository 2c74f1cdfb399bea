import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { aPartner } from '../support/partner-builder.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';

const WORKER_ENV = {
  DELIVERY_ALLOW_HTTP: 'true',
  DELIVERY_ALLOW_PRIVATE: 'true',
  DELIVERY_RETRY_SCHEDULE: '0s,100ms,100ms',
  DELIVERY_POLL_MS: '20',
  DELIVERY_BATCH: '5',
};

describe('several hub processes on one database', () => {
  let hub: TestHub;
  let second: HubProcess;
  let db: TestDatabase;
  let endpoint: PartnerEndpoint;

  beforeAll(async () => {
    const databaseUrl = await TestDatabase.createIsolated('workers');
    hub = await TestHub.start({ databaseUrl, env: WORKER_ENV });
    // A second hub in its own process, as `npm start` runs it, on the same database and bucket.
    second = await startHubProcess(databaseUrl, WORKER_ENV);
    db = TestDatabase.open(databaseUrl);
    endpoint = await PartnerEndpoint.start({ delayMs: () => Math.floor(Math.random() * 10) });
  });

  afterAll(async () => {
    await second.stop();
    await hub.stop();
    await db.close();
    await endpoint.stop();
  });

  it('deliver 200 referrals with no duplicate and no loss', async () => {
    const admin = await hub.token('admin');
    const staff = await hub.token('staff');
    const partners: string[] = [];
    for (let i = 0; i < 2; i++) {
      const partner = aPartner({ deliveryMode: 'push', endpointUrl: endpoint.url });
      expect((await hub.request('POST', '/v1/partners', { token: admin, json: partner })).status).toBe(201);
      partners.push(partner.id as string);
    }
    for (let i = 0; i < 100; i++) {
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners } });
      expect(dispatched.status).toBe(201);
    }

    await endpoint.waitFor((received) => received.successes().length >= 200, 60_000);
    // Each push is marked delivered in its own transaction after the 2xx: wait for all of them, then a little more.
    const deadline = Date.now() + 30_000;
    while ((await db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE status = 'delivered'`))[0].n < 200) {
      if (Date.now() > deadline) throw new Error('not all pushes were marked delivered');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything delivered twice would arrive by now
    const ids = endpoint.received.map((push) => push.webhookId);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const counts = await db.query(`SELECT status, count(*)::int AS n FROM outbox_message GROUP BY status`);
    expect(counts).toEqual([{ status: 'delivered', n: 200 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM referral WHERE status = 'delivered'`))[0].n).toBe(200);
    const workers = await db.query(`SELECT worker, count(*)::int AS n FROM delivery_attempt GROUP BY worker`);
    // Both processes took part.
    expect(workers).toHaveLength(2);
    expect(workers.reduce((sum: number, row: { n: number }) => sum + row.n, 0)).toBe(200);
  });
});

/**
 * A hub of its own with the push worker on, its database, and partners pushed to loopback endpoints; `run` gets a
 * way to dispatch a new complaint to a partner. Everything is stopped afterwards, whatever happens.
 */
async function withPushHub(label: string, env: Record<string, string>, endpoints: PartnerEndpoint[], run: (setup: { hub: TestHub; staff: string; db: TestDatabase; partners: Array<{ id: string }>; dispatchTo: (partnerId: string) => Promise<void> }) => Promise<void>): Promise<void> {
  const databaseUrl = await TestDatabase.createIsolated(label);
  const hub = await TestHub.start({ databaseUrl, env: { DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', DELIVERY_POLL_MS: '20', ...env } });
  const db = TestDatabase.open(databaseUrl);
  try {
    const admin = await hub.token('admin');
    const staff = await hub.token('staff');
    const partners = endpoints.map((endpoint) => aPartner({ deliveryMode: 'push', endpointUrl: endpoint.url }) as { id: string });
    for (const partner of partners) await hub.request('POST', '/v1/partners', { token: admin, json: partner });
    const dispatchTo = async (partnerId: string): Promise<void> => {
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [partnerId] } });
    };
    await run({ hub, staff, db, partners, dispatchTo });
  } finally {
    for (const endpoint of endpoints) await endpoint.stop();
    await hub.stop();
    await db.close();
  }
}

describe('a partner whose endpoint hangs', () => {
  it("holds only its own slots: another partner's pushes go out as fast as usual", async () => {
    const slow = await PartnerEndpoint.start({ delayMs: () => 4_000 });
    const fast = await PartnerEndpoint.start();
    await withPushHub('hanging-partner', { DELIVERY_TIMEOUT_MS: '20000' }, [slow, fast], async ({ partners: [slowPartner, fastPartner], dispatchTo }) => {
      // More pushes queued for the hanging partner than one worker pushes at once (DELIVERY_BATCH 20).
      for (let i = 0; i < 30; i++) await dispatchTo(slowPartner!.id);
      await slow.waitFor((endpoint) => endpoint.started >= 4);
      const started = Date.now();
      for (let i = 0; i < 5; i++) await dispatchTo(fastPartner!.id);
      await fast.waitFor((endpoint) => endpoint.successes().length === 5, 10_000);
      // Without per-partner slots these waited for the hanging partner's round (4 s and more).
      expect(Date.now() - started).toBeLessThan(2_000);
      // The hanging partner never had more than its slots in flight.
      expect(slow.started).toBeLessThanOrEqual(4);
    });
  });
});

describe('a busy partner that answers fast', () => {
  it('gets its next push as soon as a slot is free, not one slot-full per poll interval', async () => {
    const endpoint = await PartnerEndpoint.start();
    await withPushHub('busy-partner', { DELIVERY_PER_ENDPOINT: '1', DELIVERY_POLL_MS: '1000' }, [endpoint], async ({ partners: [partner], dispatchTo }) => {
      for (let i = 0; i < 10; i++) await dispatchTo(partner!.id);
      const started = Date.now();
      await endpoint.waitFor((received) => received.successes().length === 10, 15_000);
      // One push per poll interval would take 9 s and more.
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  });
});

describe('a paused endpoint', () => {
  it('pauses on 410 Gone, keeps the push waiting, and delivers it when staff resume the endpoint', async () => {
    const endpoint = await PartnerEndpoint.start({ answers: [410] });
    await withPushHub('gone', {}, [endpoint], async ({ hub, staff, db, partners: [partner], dispatchTo }) => {
      await dispatchTo(partner!.id);
      await endpoint.waitFor((received) => received.received.length === 1);
      let paused: Array<{ partnerId: string; reason: string }> = [];
      const deadline = Date.now() + 5_000;
      while (paused.length === 0 && Date.now() < deadline) paused = (await hub.request('GET', '/v1/deliveries/paused-endpoints', { token: staff })).body.endpoints;
      expect(paused).toMatchObject([{ partnerId: partner!.id, reason: 'the endpoint answered 410 Gone' }]);
      expect((await db.query('SELECT status FROM outbox_message'))[0].status).toBe('pending');
      // Paused: nothing more is pushed, though the message is due.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(endpoint.received).toHaveLength(1);

      const resumed = await hub.request('POST', `/v1/deliveries/paused-endpoints/${partner!.id}/resume`, { token: staff });
      expect(resumed.body).toEqual({ partnerId: partner!.id, released: 1 });
      await endpoint.waitFor((received) => received.successes().length === 1);
      expect((await hub.request('POST', `/v1/deliveries/paused-endpoints/${partner!.id}/resume`, { token: staff })).body.code).toBe('ENDPOINT_NOT_PAUSED');
      const audit = await db.query(`SELECT action FROM audit_entry WHERE action LIKE 'delivery.endpoint_%' ORDER BY seq`);
      expect(audit.map((row: { action: string }) => row.action)).toEqual(['delivery.endpoint_paused', 'delivery.endpoint_resumed']);
    });
  });

  it('pauses after DELIVERY_PAUSE_AFTER_FAILURES failures in a row, before the schedule runs out', async () => {
    const endpoint = await PartnerEndpoint.start({ answers: Array.from({ length: 10 }, () => 500) });
    await withPushHub('failing', { DELIVERY_PAUSE_AFTER_FAILURES: '3', DELIVERY_RETRY_SCHEDULE: '0s,20ms,20ms,20ms,20ms,20ms' }, [endpoint], async ({ hub, staff, db, partners: [partner], dispatchTo }) => {
      await dispatchTo(partner!.id);
      await endpoint.waitFor((received) => received.received.length === 3);
      let paused: Array<{ partnerId: string; consecutiveFailures: number; reason: string }> = [];
      const deadline = Date.now() + 5_000;
      while (paused.length === 0 && Date.now() < deadline) paused = (await hub.request('GET', '/v1/deliveries/paused-endpoints', { token: staff })).body.endpoints;
      expect(paused).toMatchObject([{ partnerId: partner!.id, consecutiveFailures: 3, reason: 'failed 3 times in a row' }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(endpoint.received).toHaveLength(3);
      expect((await db.query('SELECT status FROM outbox_message'))[0].status).toBe('pending');
    });
  });
});

describe("a partner's Retry-After", () => {
  it('is believed: the next attempt waits as long as the partner asked, not the schedule', async () => {
    const endpoint = await PartnerEndpoint.start({ answers: [503] });
    endpoint.retryAfter = '120';
    await withPushHub('retry-after', { DELIVERY_RETRY_SCHEDULE: '0s,150ms,150ms' }, [endpoint], async ({ db, partners: [partner], dispatchTo }) => {
      await dispatchTo(partner!.id);
      await endpoint.waitFor((received) => received.received.length === 1);
      const deadline = Date.now() + 5_000;
      let message: { last_error: string | null; wait: number } | undefined;
      while (!message?.last_error && Date.now() < deadline) {
        [message] = await db.query(`SELECT last_error, extract(epoch from next_attempt_at - now())::float AS wait FROM outbox_message`);
      }
      expect(message).toMatchObject({ last_error: 'HTTP 503' });
      // The schedule said 150 ms; the partner said 120 s.
      expect(message!.wait).toBeGreaterThan(100);
      expect(endpoint.received).toHaveLength(1);
    });
  });
});

describe('a claim that lapsed while the partner answered', () => {
  it('never turns a message another worker finished into a dead letter', async () => {
    // The partner takes its time, then fails: with a schedule of one attempt, that is a dead letter.
    const endpoint = await PartnerEndpoint.start({ answers: [500], delayMs: () => 800 });
    await withPushHub('late-answer', { DELIVERY_RETRY_SCHEDULE: '0s' }, [endpoint], async ({ db, partners: [partner], dispatchTo }) => {
      await dispatchTo(partner!.id);
      await endpoint.waitFor((received) => received.started === 1);
      // Meanwhile another worker, holding a later claim, delivered it.
      await db.query(`UPDATE outbox_message SET status = 'delivered', delivered_at = now(), attempts = attempts + 1`);
      await endpoint.waitFor((received) => received.received.length === 1);
      const deadline = Date.now() + 3_000;
      let attempts: unknown[] = [];
      while (attempts.length === 0 && Date.now() < deadline) attempts = await db.query('SELECT status_code FROM delivery_attempt');
      expect(attempts).toEqual([{ status_code: 500 }]);
      expect((await db.query('SELECT status FROM outbox_message'))[0].status).toBe('delivered');
    });
  });
});

describe('SSRF protection', () => {
  it('never pushes to a loopback endpoint unless the settings allow it', async () => {
    const endpoint = await PartnerEndpoint.start();
    await withPushHub('ssrf', { DELIVERY_ALLOW_PRIVATE: 'false', DELIVERY_RETRY_SCHEDULE: '0s' }, [endpoint], async ({ db, partners: [partner], dispatchTo }) => {
      await dispatchTo(partner!.id);
      const deadline = Date.now() + 10_000;
      let message: { status: string; last_error: string } | undefined;
      while (message?.status !== 'dead') {
        if (Date.now() > deadline) throw new Error('never dead');
        await new Promise((resolve) => setTimeout(resolve, 50));
        [message] = await db.query('SELECT status, last_error FROM outbox_message');
      }
      expect(message.last_error).toContain('private or loopback');
      expect(endpoint.received).toEqual([]);
    });
  });
});

import 'reflect-metadata';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CompactSign, importJWK, type JWK } from 'jose';
import { freePort, HubClient, load, partnerToken, startHub, withBenchHub, type BenchHub } from './support.js';

/**
 * `npm run bench:faults`: issue 16's first scenario replayed at scale. Two hub processes on
 * one database, each running the push worker; a push partner that answers each push 200
 * and, right after, posts its signed `acknowledged` to one of the two hubs (the race in
 * which a push worker recording a 2xx and a status event take the referral's row and the
 * audit chain). Before the lock-order fix this ran into deadlocks and 500s within seconds.
 * Prints what every request got, PostgreSQL's deadlock count, and how the pushes ended,
 * next to a baseline from the same run: the same dispatches and events with a partner that
 * pulls (no push to race with). Knobs: BENCH_COMPLAINTS (400), BENCH_CONCURRENCY (8).
 */
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 400);
const here = path.dirname(fileURLToPath(import.meta.url));
const HUB_ENV = { DELIVERY_WORKER: 'true', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', PARTNER_RATE_PER_MINUTE: '1000000' };

interface Tally {
  statuses: Map<number, number>;
  add(status: number): void;
}

function tally(): Tally {
  const statuses = new Map<number, number>();
  return { statuses, add: (status) => void statuses.set(status, (statuses.get(status) ?? 0) + 1) };
}

function describe(counts: Tally): string {
  return [...counts.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ') || '—';
}

async function main(): Promise<void> {
  const complaint = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
  await withBenchHub(HUB_ENV, async (setup) => {
    const secondPort = await freePort();
    const second = await startHub(secondPort, setup.dir, setup.databaseUrl, setup.s3.endpoint, HUB_ENV);
    const secondBase = `http://127.0.0.1:${secondPort}`;
    const hubs = [setup.client, new HubClient(secondBase)];
    const bases = [setup.base, secondBase];
    try {
      const staff = await setup.token('staff');
      const rows: string[] = [];
      for (const mode of ['pull', 'push'] as const) {
        const partner = await aPartner(setup, mode);
        const complaints: string[] = [];
        await load(COMPLAINTS, async (i) => void complaints.push(((await hubs[i % 2]!.post('/v1/complaints', staff, complaint)) as { id: string }).id));
        const dispatches = tally();
        const events = tally();
        const tokens = await Promise.all(bases.map((base) => partnerToken(base, partner.id, partner.kid, partner.privateJwk)));
        const acknowledge = async (referralId: string, via: number): Promise<void> => {
          const jws = await new CompactSign(Buffer.from(JSON.stringify({ type: 'ocx.status-event', ocxVersion: '1.0', id: randomUUID(), issuedAt: new Date().toISOString(), referralId, partnerId: partner.id, status: 'acknowledged' })))
            .setProtectedHeader({ alg: 'ES256', kid: partner.kid, typ: 'ocx-status-event+jws', iat: Math.floor(Date.now() / 1000) })
            .sign(partner.key);
          events.add((await hubs[via]!.send('POST', `/v1/partner/referrals/${referralId}/events`, tokens[via], { type: 'application/jose', text: jws })).status);
        };
        const deadlocksBefore = await deadlocks(setup.databaseUrl);
        const acknowledged: Array<Promise<void>> = [];
        partner.onPush = (referralId) => void acknowledged.push(acknowledge(referralId, acknowledged.length % 2));
        const started = performance.now();
        const stats = await load(COMPLAINTS, async (i) => {
          const response = await hubs[i % 2]!.send('POST', `/v1/complaints/${complaints[i]}/referrals`, staff, { type: 'application/json', text: JSON.stringify({ partners: [partner.id] }) });
          dispatches.add(response.status);
          if (mode === 'pull' && response.status === 201) acknowledged.push(acknowledge((JSON.parse(response.text) as { referrals: Array<{ id: string }> }).referrals[0]!.id, i % 2));
        });
        // Every push answered and every event posted, or a minute gone.
        const deadline = Date.now() + 60_000;
        while (acknowledged.length < dispatches.statuses.get(201)! && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        await Promise.all(acknowledged);
        const seconds = (performance.now() - started) / 1000;
        const outcome = await outcomes(setup.databaseUrl, partner.id);
        rows.push(
          `| ${mode} | ${COMPLAINTS} | ${describe(dispatches)} | ${describe(events)} | ${(await deadlocks(setup.databaseUrl)) - deadlocksBefore} | ${outcome.pushes} | ${outcome.referrals} | ${stats.p50.toFixed(1)} / ${stats.p95.toFixed(1)} | ${seconds.toFixed(1)} |`,
        );
        await partner.close();
      }
      process.stdout.write(
        `\nTwo hub processes on one database, ${COMPLAINTS} dispatches and as many signed acknowledgements per partner mode\n\n` +
          '| partner | dispatches | dispatch answers | event answers | deadlocks | pushes | referrals | dispatch p50 / p95 ms | seconds, all acknowledged |\n|---|---:|---|---|---:|---|---|---|---:|\n' +
          rows.join('\n') + '\n',
      );
    } finally {
      await hubs[1]!.close();
      const exited = new Promise((resolve) => second.once('exit', resolve));
      second.kill('SIGTERM');
      await exited;
    }
  });
}

interface BenchPartner {
  id: string;
  kid: string;
  key: Awaited<ReturnType<typeof importJWK>>;
  privateJwk: JWK;
  onPush: (referralId: string) => void;
  close(): Promise<void>;
}

/** A partner registered with a key; in push mode, with an endpoint that answers 200 and tells `onPush`. */
async function aPartner(setup: BenchHub, mode: 'pull' | 'push'): Promise<BenchPartner> {
  const admin = await setup.token('admin');
  const id = `bench-${mode}`;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(200).end();
      const document = JSON.parse(Buffer.from(Buffer.concat(chunks).toString('utf8').split('.')[1] ?? '', 'base64url').toString('utf8')) as { type?: string; referralId?: string };
      if (document.type === 'ocx.referral' && document.referralId) partner.onPush(document.referralId);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocx`;
  await setup.client.post('/v1/partners', admin, {
    id, nameTh: 'หน่วยงานทดสอบ', nameEn: `Bench ${mode} agency`, kind: 'government', categories: ['shopping'], deliveryMode: mode,
    ...(mode === 'push' ? { endpointUrl } : {}), serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 },
  });
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kid } = (await setup.client.post(`/v1/partners/${id}/keys`, admin, { jwk: pair.publicKey.export({ format: 'jwk' }) })) as { kid: string };
  const privateJwk = pair.privateKey.export({ format: 'jwk' }) as JWK;
  const partner: BenchPartner = {
    id, kid, privateJwk, key: await importJWK(privateJwk, 'ES256'), onPush: () => undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return partner;
}

async function deadlocks(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ deadlocks: string }>('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.deadlocks);
  } finally {
    await client.end();
  }
}

async function outcomes(databaseUrl: string, partnerId: string): Promise<{ pushes: string; referrals: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pushes = (await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox_message WHERE partner_id = $1 GROUP BY 1 ORDER BY 1`, [partnerId])).rows;
    const referrals = (await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM referral WHERE partner_id = $1 GROUP BY 1 ORDER BY 1`, [partnerId])).rows;
    const list = (rows: Array<{ status: string; n: number }>): string => rows.map((row) => `${row.status} ${row.n}`).join(', ') || '—';
    return { pushes: list(pushes), referrals: list(referrals) };
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:faults failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MinioObjectStore } from '../src/storage/minio-object-store.js';
import { CONCURRENCY, cpuSecondsOf, describeCpuSplit, load, rssOf, splitCpu, withBenchHub, writeLargeJpeg, type Stats } from './support.js';

/**
 * `npm run bench:dispatch`: complaints recorded and referrals dispatched per second
 * through the hub's HTTP API (hub in its own process, 8 concurrent clients), next
 * to raw two-insert transactions on the same PostgreSQL; then a 200 MB evidence
 * upload (MB/s and the hub's peak RSS growth) next to a direct minio upload.
 */
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 2000);
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  await withBenchHub({ EVIDENCE_MAX_BYTES: String((UPLOAD_MB + 10) * 1024 * 1024) }, async ({ databaseUrl, hub, base, client, token, dir, s3 }) => {
    process.stdout.write(`node ${process.version}, ${os.cpus().length} cores; ${COMPLAINTS} complaints, ${CONCURRENCY} concurrent clients\n`);
    const baseline = await rawInsertBaseline(databaseUrl);
    const staff = await token('staff');
    const complaintBody = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;

    const ids: string[] = [];
    const cpuBefore = cpuSecondsOf(hub.pid!);
    const recorded = await load(COMPLAINTS, async () => {
      const response = await client.post(`/v1/complaints`, staff, complaintBody);
      ids.push((response as { id: string }).id);
    });
    recorded.hubCpu = (cpuSecondsOf(hub.pid!) - cpuBefore) / recorded.seconds;
    const dispatchSplit = splitCpu(hub.pid!);
    const dispatched = await load(ids.length, async (i) => {
      await client.post(`/v1/complaints/${ids[i]}/referrals`, staff, { partners: ['ocpb', 'tcsd'] });
    });
    const dispatchCpu = dispatchSplit(ids.length);
    dispatched.hubCpu = (dispatchCpu.hub * ids.length) / 1000 / dispatched.seconds;

    const rows = [
      ['raw INSERT ×2 per transaction (baseline, 8 connections)', baseline.perSecond, baseline.p50, baseline.p95, undefined],
      ['POST /v1/complaints (complaints recorded)', recorded.perSecond, recorded.p50, recorded.p95, recorded.hubCpu],
      ['POST …/referrals, 2 agencies (dispatch requests)', dispatched.perSecond, dispatched.p50, dispatched.p95, dispatched.hubCpu],
      ['  = referrals dispatched (signed, stored, outbox)', dispatched.perSecond * 2, dispatched.p50, dispatched.p95, undefined],
    ] as const;
    process.stdout.write(`\n${'operation'.padEnd(56)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'hub CPU'.padStart(9)}\n`);
    for (const [name, perSecond, p50, p95, cpu] of rows) {
      process.stdout.write(`${name.padEnd(56)}${Math.round(perSecond).toLocaleString('en-US').padStart(9)}${p50.toFixed(1).padStart(9)}${p95.toFixed(1).padStart(9)}${(cpu === undefined ? '' : `${Math.round(cpu * 100)}%`).padStart(9)}\n`);
    }
    process.stdout.write(`dispatch requests: ${describeCpuSplit(dispatchCpu)}\n`);
    process.stdout.write(`referrals dispatched/s: ${Math.round(dispatched.perSecond * 2)} (target ≥ 1,000): ${dispatched.perSecond * 2 >= 1000 ? 'met' : 'NOT met'}\n`);

    await uploadBench(base, staff, ids[0]!, hub.pid!, dir, s3);
  });
}

async function rawInsertBaseline(url: string): Promise<Stats> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  await pool.query('CREATE TABLE bench_a (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL, created_at timestamptz DEFAULT now())');
  await pool.query('CREATE TABLE bench_b (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a_id uuid NOT NULL, note text)');
  const body = JSON.stringify({ narrative: 'สั่งซื้อหม้อทอดผ่านเพจ โอนเงินแล้วไม่ได้รับสินค้า', amount: 159000 });
  const stats = await load(COMPLAINTS * 2, async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const [row] = (await client.query('INSERT INTO bench_a (body) VALUES ($1) RETURNING id', [body])).rows as Array<{ id: string }>;
      await client.query('INSERT INTO bench_b (a_id, note) VALUES ($1, $2)', [row!.id, 'dispatched']);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
  await pool.end();
  return stats;
}

async function uploadBench(base: string, staff: string, complaintId: string, hubPid: number, dir: string, connection: { endpoint: string; accessKey: string; secretKey: string; bucket: string; region: string }): Promise<void> {
  const file = path.join(dir, 'evidence.jpg');
  await writeLargeJpeg(file, UPLOAD_MB * 1024 * 1024);
  const size = (await stat(file)).size;

  const direct = new MinioObjectStore({ ...connection, partSize: 8 * 1024 * 1024 });
  let started = performance.now();
  await direct.put('bench/direct.jpg', createReadStream(file), size, 'image/jpeg');
  const directSeconds = (performance.now() - started) / 1000;

  const rssBefore = rssOf(hubPid);
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(hubPid))), 20);
  started = performance.now();
  const response = await fetch(`${base}/v1/complaints/${complaintId}/evidence?kind=photo&filename=large.jpg`, {
    method: 'POST',
    headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const hubSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const mb = size / 1024 / 1024;
  process.stdout.write(`\nevidence upload, ${mb.toFixed(0)} MB file\n`);
  process.stdout.write(`  direct minio client putObject (baseline)   ${(mb / directSeconds).toFixed(1)} MB/s\n`);
  process.stdout.write(`  POST …/evidence through the hub            ${(mb / hubSeconds).toFixed(1)} MB/s (${((directSeconds / hubSeconds) * 100).toFixed(0)}% of direct; target ≥ 50%)\n`);
  process.stdout.write(`  hub RSS before ${(rssBefore / 1024 / 1024).toFixed(0)} MB, peak during upload ${(peak / 1024 / 1024).toFixed(0)} MB: growth ${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB (target < 64 MB)\n`);
}

void main();

import { appendLeaves, checkpointText, encodeEntryBundle, leafHash, signNote, TILE_WIDTH, TiledTree, verifyLog, type LogSource, type TreeEdge } from '@ocx/transparency-log';
import { CompactSign, importJWK, type JWK } from 'jose';
import { createHash, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { logEntryBytes } from '../src/audit/log-entry.js';
import { measure, printTable } from './harness.js';
import { combine, CONCURRENCY, dispatchComplaint, freePort, load, partnerToken, startHub, withBenchHub, type Stats } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * `npm run bench:audit`: the CPU side of the transparency log, in process (no database): the sequencer's work per
 * entry (leaf hash and tree append, next to plain SHA-256 of the same bytes), inclusion proofs read from the tiles
 * of a tree of BENCH_AUDIT_ENTRIES (1,000,000), and the offline verifier over that whole log. Then, unless
 * BENCH_AUDIT_DB=0, the same through a hub process and PostgreSQL: dispatch throughput with the sequencer on and off
 * in alternating slices of one run, the sequencer's rate through the database, and inclusion proofs over HTTP at
 * BENCH_AUDIT_ENTRIES entries (BENCH_AUDIT_CPU=0: only these).
 */
async function main(): Promise<void> {
  const total = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
  const budget = Number(process.env.BENCH_MS ?? 2000);
  const entry = (index: number): Buffer => logEntryBytes({
    at: new Date(1_795_000_000_000 + index * 1000).toISOString(), actor: 'somchai', actorRole: 'staff', action: 'referral.dispatched', subjectType: 'referral',
    subjectId: `0b0e5b8e-0000-4000-8000-${index.toString(16).padStart(12, '0')}`, partnerId: 'ocpb', outcome: 'ok', details: { evidence: 2, documentId: `d-${index}` },
    documentSha256: createHash('sha256').update(String(index)).digest('hex'),
  });
  process.stdout.write(`entries: ${total.toLocaleString()} of ${entry(0).length} bytes; ${budget} ms per measurement; node ${process.version}\n`);
  if (process.env.BENCH_AUDIT_CPU === '0') return throughTheHub(total);

  // Build the log as the sequencer does, 5,000 entries a round, timing it.
  const entries: Buffer[] = [];
  const tiles = new Map<string, Buffer[]>();
  let tree: TreeEdge = { size: 0, edge: [] };
  let root: Buffer = Buffer.alloc(32);
  const buildStarted = process.hrtime.bigint();
  for (let start = 0; start < total; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, total - start) }, (_, offset) => entry(start + offset));
    entries.push(...batch);
    const appended = appendLeaves(tree, batch.map((bytes) => leafHash(bytes)));
    for (const append of appended.tileAppends) {
      const key = `${append.level}/${append.index}`;
      const tile = tiles.get(key);
      if (tile) tile.push(...append.hashes);
      else tiles.set(key, [...append.hashes]);
    }
    tree = appended;
    root = appended.root;
  }
  const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
  const tileBytes = new Map([...tiles].map(([key, hashes]) => [key, Buffer.concat(hashes)]));
  const readTile = async (level: number, index: number, width: number): Promise<Buffer> => tileBytes.get(`${level}/${index}`)!.subarray(0, width * 32);

  const sample = entries.slice(0, 5000);
  let cursor = 0;
  const sha = await measure('SHA-256 of one entry (baseline)', () => createHash('sha256').update(sample[cursor++ % sample.length]!).digest(), budget);
  let appendTree: TreeEdge = { size: 0, edge: [] };
  const append = await measure('sequencer: leaf hash + append to the tree and tiles', () => {
    appendTree = appendLeaves(appendTree, [leafHash(sample[cursor++ % sample.length]!)]);
  }, budget);
  printTable('Sequencing (CPU only; the database round trip is per 5,000 entries)', [sha, append], sha);
  process.stdout.write(`built the ${total.toLocaleString()}-entry log, entries included, at ${Math.round(total / buildSeconds).toLocaleString()} entries/s\n\n`);

  const proof = await measure(`inclusion proof at ${total.toLocaleString()} entries (fresh tile cache each)`, async () => {
    const index = Math.floor(Math.random() * total);
    await new TiledTree(total, readTile).inclusionProof(index);
  }, budget, 50);
  const consistency = await measure(`consistency proof at ${total.toLocaleString()} entries`, async () => {
    await new TiledTree(total, readTile).consistencyProof(Math.floor(Math.random() * total) + 1);
  }, budget, 50);
  printTable('Proofs from tiles (the hub adds one indexed SELECT per tile read)', [proof, consistency]);

  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const origin = 'bench.ocx/audit';
  const note = signNote(checkpointText({ origin, size: total, rootHash: root, extensions: [] }), { name: origin, key });
  const source: LogSource = {
    checkpoint: async () => note,
    tile: readTile,
    entryBundle: async (index, width) => encodeEntryBundle(entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width)),
  };
  const started = process.hrtime.bigint();
  const verdict = await verifyLog(source, { origin, logKeys: [{ name: origin, key: createPublicKey(key) }], entries: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!verdict.ok) throw new Error(verdict.problem);
  process.stdout.write(`offline verification of ${verdict.entriesChecked.toLocaleString()} entries (signature, tiles level to level, every entry against its leaf): ${seconds.toFixed(2)} s, ${Math.round(verdict.entriesChecked / seconds).toLocaleString()} entries/s (goal 200,000)\n`);
  if (process.env.BENCH_AUDIT_DB !== '0') await throughTheHub(total);
}

/**
 * The log through PostgreSQL. Hub A serves the load with no sequencer; hub B, on the same database, serves nothing
 * and runs the sequencer as production does (AUDIT_SEQUENCE_POLL_MS, 5,000-entry rounds, checkpoints every 1,000
 * entries or 60 s). "Off" slices stop B (SIGSTOP), "on" slices let it run: the same hub, the same minute.
 */
async function throughTheHub(total: number): Promise<void> {
  const slices = Number(process.env.BENCH_AUDIT_SLICES ?? 10);
  const perSlice = Number(process.env.BENCH_AUDIT_DISPATCHES ?? 150);
  await withBenchHub({ AUDIT_SEQUENCER: 'false', PARTNER_RATE_PER_MINUTE: '1000000' }, async ({ client, token, databaseUrl, dir, s3, base }) => {
    const sequencer = await startHub(await freePort(), dir, databaseUrl, s3.endpoint, { AUDIT_SEQUENCER: 'true', MATCHING_NOTIFIER: 'false' });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const pending = async (): Promise<number> => ((await db.query('SELECT count(*)::int AS count FROM audit_pending')).rows[0] as { count: number }).count;
    const drained = async (): Promise<void> => {
      while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      process.stdout.write(`\nThrough the hub: ${CONCURRENCY} concurrent clients, ${slices} slices of ${perSlice} dispatches (2 agencies each) and ${perSlice} status events, the sequencer process stopped and running in turn\n`);
      const [staff, admin] = [await token('staff'), await token('admin')];
      const complaintBody = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
      const ids: string[] = [];
      await load(perSlice * (slices + 1), async () => {
        ids.push(((await client.post('/v1/complaints', staff, complaintBody)) as { id: string }).id);
      });
      const warmUp = ids.splice(0, perSlice);
      await load(warmUp.length, (i) => dispatchComplaint(client, staff, warmUp[i]!));

      // An agency with a key, referrals to it, and their status events signed before the clock starts.
      const partnerId = 'bench-agency';
      await client.post('/v1/partners', admin, { id: partnerId, nameTh: 'หน่วยงานทดสอบ', nameEn: 'Bench agency', kind: 'government', categories: ['shopping'], deliveryMode: 'pull', serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 } });
      const partnerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const { kid } = (await client.post(`/v1/partners/${partnerId}/keys`, admin, { jwk: partnerKey.publicKey.export({ format: 'jwk' }) })) as { kid: string };
      const privateJwk = partnerKey.privateKey.export({ format: 'jwk' }) as JWK;
      const referralIds: string[] = [];
      await load(perSlice * slices, async () => {
        const created = (await client.post('/v1/complaints', staff, complaintBody)) as { id: string };
        referralIds.push(((await client.post(`/v1/complaints/${created.id}/referrals`, staff, { partners: [partnerId] })) as { referrals: Array<{ id: string }> }).referrals[0]!.id);
      });
      const partner = await partnerToken(base, partnerId, kid, privateJwk);
      const signingKey = await importJWK(privateJwk, 'ES256');
      const events = await Promise.all(referralIds.map((referralId) => new CompactSign(Buffer.from(JSON.stringify({
        type: 'ocx.status-event', ocxVersion: '1.0', id: randomUUID(), issuedAt: new Date().toISOString(), referralId, partnerId, status: 'acknowledged', partnerCaseNumber: 'BENCH-1',
      }))).setProtectedHeader({ alg: 'ES256', kid, typ: 'ocx-status-event+jws', iat: Math.floor(Date.now() / 1000) }).sign(signingKey)));
      const postEvent = async (index: number): Promise<void> => {
        const response = await client.send('POST', `/v1/partner/referrals/${referralIds[index]}/events`, partner, { type: 'application/jose', text: events[index]! });
        if (response.status !== 201) throw new Error(`event answered ${response.status}: ${response.text}`);
      };
      await drained();

      const measured: Record<'dispatch' | 'event', Record<'off' | 'on', Stats[]>> = { dispatch: { off: [], on: [] }, event: { off: [], on: [] } };
      for (let slice = 0; slice < slices; slice++) {
        const mode = slice % 2 === 0 ? 'off' : 'on';
        process.kill(sequencer.pid!, mode === 'off' ? 'SIGSTOP' : 'SIGCONT');
        // What the stopped slice queued is indexed before the running slice starts: each slice carries the
        // sequencing of its own entries only, as in steady state.
        if (mode === 'on') await drained();
        const range = ids.slice(slice * perSlice, (slice + 1) * perSlice);
        measured.dispatch[mode].push(await load(range.length, (i) => dispatchComplaint(client, staff, range[i]!)));
        measured.event[mode].push(await load(perSlice, (i) => postEvent(slice * perSlice + i)));
      }
      process.kill(sequencer.pid!, 'SIGCONT');
      await drained();
      for (const [operation, name] of [['dispatch', 'dispatch (2 agencies)'], ['event', 'status event (signed, verified)']] as const) {
        const [off, on] = [combine(measured[operation].off), combine(measured[operation].on)];
        process.stdout.write(`${`${name}, sequencer stopped (baseline)`.padEnd(56)}${off.perSecond.toFixed(1).padStart(9)}/s  p50 ${off.p50.toFixed(1)} ms  p95 ${off.p95.toFixed(1)} ms\n`);
        process.stdout.write(`${`${name}, sequencer running`.padEnd(56)}${on.perSecond.toFixed(1).padStart(9)}/s  p50 ${on.p50.toFixed(1)} ms  p95 ${on.p95.toFixed(1)} ms  = ${Math.round((100 * on.perSecond) / off.perSecond)}% of stopped (goal ≥ 90%)\n`);
      }

      // The sequencer's rate: entries written straight into the table (with their queue rows) while it is stopped,
      // then the time it takes to index them all.
      process.kill(sequencer.pid!, 'SIGSTOP');
      const [{ count: existing }] = (await db.query('SELECT count(*)::int AS count FROM audit_entry')).rows as [{ count: number }];
      for (let written = existing; written < total; written += 100_000) {
        await db.query(`WITH appended AS (
            INSERT INTO audit_entry (at, actor, actor_role, action, subject_type, subject_id, partner_id, outcome, details, document_sha256)
            SELECT now(), 'somchai', 'staff', 'referral.dispatched', 'referral', gen_random_uuid()::text, 'ocpb', 'ok', jsonb_build_object('evidence', n % 5, 'version', 1), encode(sha256(n::text::bytea), 'hex')
            FROM generate_series(1, $1) AS n
            RETURNING seq)
          INSERT INTO audit_pending (seq) SELECT seq FROM appended`, [Math.min(100_000, total - written)]);
      }
      const backlog = await pending();
      const started = performance.now();
      process.kill(sequencer.pid!, 'SIGCONT');
      await drained();
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`${'sequencer through PostgreSQL, 5,000 a round'.padEnd(48)}${Math.round(backlog / seconds).toLocaleString().padStart(9)} entries/s (${backlog.toLocaleString()} entries in ${seconds.toFixed(1)} s)\n`);
      await client.post('/v1/audit/log/checkpoints', admin, {});
      // What autovacuum does after such a load, done now rather than whenever it comes round.
      await db.query('ANALYZE audit_entry, audit_leaf, audit_pending, audit_log_tile');
      const [{ size }] = (await db.query('SELECT size::int AS size FROM audit_log_tree')).rows as [{ size: number }];
      const proofs = await load(1000, async () => {
        const { status } = await client.send('GET', `/v1/audit/log/proofs/inclusion?index=${Math.floor(Math.random() * size)}`, admin);
        if (status !== 200) throw new Error(`inclusion proof answered ${status}`);
      });
      process.stdout.write(`${`inclusion proof over HTTP at ${size.toLocaleString()} entries`.padEnd(48)}${proofs.perSecond.toFixed(0).padStart(9)}/s  p50 ${proofs.p50.toFixed(1)} ms  p95 ${proofs.p95.toFixed(1)} ms (${CONCURRENCY} concurrent)\n`);
    } finally {
      await db.end();
      process.kill(sequencer.pid!, 'SIGCONT');
      const exited = new Promise((resolve) => sequencer.once('exit', resolve));
      sequencer.kill('SIGTERM');
      await exited;
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

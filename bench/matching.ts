import 'reflect-metadata';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { startBackingServices } from '../src/backing-services.js';
import { loadSettings } from '../src/config/settings.js';
import { createHub } from '../src/hub.js';
import type { CreatePartnerDto } from '../src/partners/dto/partner.dto.js';
import { PartnersService } from '../src/partners/partners.service.js';
import { pairwiseScores } from './pairwise-scores.js';
import { MatchViewsService } from '../src/matching/views/match-views.service.js';
import { MatchingService, type MatchableCase } from '../src/matching/clusters/matching.service.js';
import { normaliseIdentifier, type ReportedIdentifier } from '../src/matching/identifiers/index.js';
import { freePort } from './support.js';

/**
 * `npm run bench:matching -- --data FILE [--out PRED.jsonl]`: loads labelled (or
 * unlabelled) cases through MatchingService.ingest — the function the complaint
 * and CaseShare endpoints call — one case per transaction as the API does, and
 * scores the clusters pairwise against the labels, which the matcher never sees.
 *
 * `npm run bench:matching -- --synthetic N [--batch B]`: N generated cases with 3
 * identifiers each, ingested B per transaction (same function), then identifier
 * lookups (the staff lookup endpoint's service) with their latency percentiles.
 */
interface LabelledCase {
  id: string;
  source: string;
  reportedAt: string;
  category: string;
  subCategory?: string;
  subjects: ReportedIdentifier[];
  cluster?: string;
}

const { values: options } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    synthetic: { type: 'string' },
    batch: { type: 'string', default: '1000' },
    lookups: { type: 'string', default: '20000' },
    writers: { type: 'string', default: '2' },
  },
});

async function withMatchingHub<T>(run: (matching: MatchingService, views: MatchViewsService, registerHolders: (ids: Iterable<string>) => Promise<void>, database: DataSource) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocx-bench-matching-'));
  await chmod(dir, 0o755);
  const settings = loadSettings({
    DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_S3_PORT: String(await freePort()), DELIVERY_WORKER: 'false', LOG_LEVEL: 'warn',
  });
  const services = await startBackingServices(settings, () => undefined);
  try {
    const app = await createHub(settings, { databaseUrl: services.databaseUrl, ...(services.migrationUrl ? { migrationUrl: services.migrationUrl } : {}), s3: services.s3 });
    await app.init();
    try {
      const dataSource = app.get(DataSource);
      // Agencies named in the data but not in the seeded registry are registered, as an admin would.
      const partners = app.get(PartnersService);
      const registerHolders = async (ids: Iterable<string>): Promise<void> => {
        for (const id of new Set(ids)) {
          if (id === '1212' || (await partners.get(id).then(() => true, () => false))) continue;
          await partners.create(
            { id, nameTh: id, nameEn: id, kind: 'government', categories: ['shopping'], deliveryMode: 'pull', serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 } } as CreatePartnerDto,
            { subject: 'bench', issuer: 'bench', roles: ['admin'] },
          );
        }
      };
      return await run(app.get(MatchingService), app.get(MatchViewsService), registerHolders, dataSource);
    } finally {
      await app.close();
    }
  } finally {
    await services.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function matchable(entry: LabelledCase): MatchableCase {
  return { holder: entry.source, caseRef: entry.id, category: entry.category, subCategory: entry.subCategory ?? null, reportedAt: new Date(entry.reportedAt), subjects: entry.subjects };
}

async function labelled(file: string, out: string | undefined): Promise<void> {
  const cases = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as LabelledCase);
  await withMatchingHub(async (matching, _views, registerHolders, database) => {
    await registerHolders(cases.map((entry) => entry.source));
    const predicted = new Map<string, string>();
    const started = performance.now();
    for (const entry of cases) {
      // The label is removed before the case reaches the matcher.
      const { cluster: _label, ...unlabelled } = entry;
      await database.transaction((manager) => matching.ingest(manager, [matchable(unlabelled)]));
    }
    const seconds = (performance.now() - started) / 1000;
    // Clusters move as later cases merge them: read each case's final cluster.
    const finalClusters = await clustersOf(database, cases.map((entry) => ({ holder: entry.source, caseRef: entry.id })));
    for (const entry of cases) predicted.set(entry.id, finalClusters.get(`${entry.source}\u0000${entry.id}`)!);
    if (out) await writeFile(out, cases.map((entry) => JSON.stringify({ id: entry.id, cluster: predicted.get(entry.id) })).join('\n') + '\n');
    process.stdout.write(`${cases.length} cases from ${file}, one per transaction (as the API ingests them): ${(cases.length / seconds).toFixed(0)} cases/s\n`);
    process.stdout.write(`clusters predicted: ${new Set(predicted.values()).size}\n`);
    process.stdout.write(`${normalisingCost(cases.flatMap((entry) => entry.subjects))}\n`);
    const labels = new Map(cases.filter((entry) => entry.cluster !== undefined).map((entry) => [entry.id, entry.cluster!]));
    if (labels.size === 0) {
      process.stdout.write('no labels in the file: nothing to score\n');
      return;
    }
    const scores = pairwiseScores(predicted, labels);
    process.stdout.write(`pairwise precision ${scores.precision.toFixed(4)}  recall ${scores.recall.toFixed(4)}  F1 ${scores.f1.toFixed(4)}  (true pairs ${scores.truePairs}, predicted ${scores.predictedPairs}, labelled ${scores.labelledPairs})\n`);
    process.stdout.write(`targets: precision ≥ 0.99 ${scores.precision >= 0.99 ? 'met' : 'NOT met'}, recall ≥ 0.95 ${scores.recall >= 0.95 ? 'met' : 'NOT met'}\n`);
  });
}

/**
 * The normalisers' own cost on the file's values as written (labels, invisible characters, words around them): CPU
 * alone, no database, after a warm-up pass, so that a rule's price shows apart from the transactions around it.
 */
function normalisingCost(subjects: readonly ReportedIdentifier[]): string {
  const passes = 100;
  for (const subject of subjects) normaliseIdentifier(subject);
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const subject of subjects) normaliseIdentifier(subject);
  const micros = ((performance.now() - started) * 1000) / (passes * subjects.length);
  return `normalising alone: ${micros.toFixed(2)} µs an identifier (${subjects.length} values as written, ${passes} passes)`;
}

const HOLDERS = ['1212', '1212', '1212', '1212', '1212', '1212', '1212', 'tcsd', 'ccib', 'ocpb'];
const BANKS = ['004', 'KBANK', 'กสิกรไทย', '014', 'SCB', 'ไทยพาณิชย์', '002', 'BBL', '006', 'Krungthai', '025', 'กรุงศรี'];

/** Synthetic data needs no cryptographic randomness, and node:crypto's randomInt would cost more than the hub's work. */
function pick(bound: number): number {
  return Math.floor(Math.random() * bound);
}

function digits(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(pick(10));
  return text;
}

/** A phone in one of the spellings people use. */
function spellPhone(national: string): string {
  switch (pick(4)) {
    case 0: return `0${national.slice(0, 2)}-${national.slice(2, 5)}-${national.slice(5)}`;
    case 1: return `+66 ${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`;
    case 2: return `66${national}`;
    default: return `0${national}`;
  }
}

interface Scammer { phone: string; account: string; bank: string; line: string }

/**
 * Synthetic cases: a pool of scammers (one per four cases) whose phone, account
 * and LINE id are reused in other spellings, so about half the cases link; the
 * rest are one-offs.
 */
function syntheticCase(index: number, scammers: Scammer[]): MatchableCase {
  const fresh = (): Scammer => ({ phone: `8${digits(8)}`, account: digits(10), bank: BANKS[pick(BANKS.length)]!, line: `s${digits(9)}` });
  const scammer = pick(2) === 0 ? scammers[pick(scammers.length)]! : fresh();
  return {
    holder: HOLDERS[index % HOLDERS.length]!,
    caseRef: `SYN-${index}`,
    category: 'shopping',
    subCategory: 'not_received',
    reportedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000),
    subjects: [
      { type: 'phone', value: spellPhone(scammer.phone) },
      { type: 'bank_account', bank: scammer.bank, value: `${scammer.account.slice(0, 3)}-${scammer.account.slice(3, 4)}-${scammer.account.slice(4, 9)}-${scammer.account.slice(9)}` },
      { type: 'line_id', value: pick(2) === 0 ? `ID: ${scammer.line.toUpperCase()}` : `https://line.me/ti/p/~${scammer.line}` },
    ],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function synthetic(count: number, batch: number, lookups: number, writers: number): Promise<void> {
  const scammers: Scammer[] = Array.from({ length: Math.max(1, Math.floor(count / 4)) }, () => ({ phone: `9${digits(8)}`, account: digits(10), bank: BANKS[pick(BANKS.length)]!, line: `r${digits(9)}` }));
  await withMatchingHub(async (matching, views, registerHolders, database) => {
    await registerHolders(HOLDERS);
    const sample: ReportedIdentifier[] = [];
    // Several writers, as requests arrive concurrently: one normalises and hashes its batch while another holds the
    // matching lock. Timed from the first batch to the last; generating the cases is done before.
    let reported = performance.now();
    let done = 0;
    const started = performance.now();
    let next = 0;
    const total = Math.ceil(count / batch);
    await Promise.all(Array.from({ length: writers }, async () => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        const cases = Array.from({ length: Math.min(batch, count - index * batch) }, (_, offset) => syntheticCase(index * batch + offset, scammers));
        if (sample.length < 10_000) sample.push(cases[0]!.subjects[pick(3)]!);
        await database.transaction((manager) => matching.ingest(manager, cases, new Date(), { fresh: true }));
        done += cases.length;
        if (performance.now() - reported > 15_000) {
          reported = performance.now();
          process.stderr.write(`  ${done} cases, ${(done / ((reported - started) / 1000)).toFixed(0)} cases/s\n`);
        }
      }
    }));
    const ingestMs = performance.now() - started;
    const seconds = ingestMs / 1000;
    // The notifier (running in this process all along, as in a hub) sends what is still due.
    const drainStarted = performance.now();
    while (Number((await database.query('SELECT count(*) AS n FROM match_notice_due'))[0].n) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const notices = Number((await database.query('SELECT count(*) AS n FROM match_notice'))[0].n);
    // What autovacuum does within a minute of a bulk load: without statistics the planner may scan instead of probing.
    await database.query('ANALYZE match_case, match_identifier, match_cluster_agency');

    const latencies: number[] = [];
    for (let i = 0; i < lookups; i++) {
      const subject = sample[pick(sample.length)]!;
      const before = performance.now();
      await views.lookup(subject);
      latencies.push(performance.now() - before);
    }
    latencies.sort((a, b) => a - b);
    process.stdout.write(`node ${process.version}, ${os.cpus().length} cores; embedded PostgreSQL in the same machine\n`);
    process.stdout.write(`ingest: ${count.toLocaleString('en-US')} synthetic cases × 3 identifiers, ${batch} per transaction, ${writers} writers: ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} cases/s (target ≥ 5,000: ${count / seconds >= 5000 ? 'met' : 'NOT met'})\n`);
    process.stdout.write(`MatchNotices: ${notices.toLocaleString('en-US')} signed and stored; the last sent ${drainSeconds.toFixed(1)} s after the last case was ingested\n`);
    process.stdout.write(`lookup (normalise, hash, find the cases quoting it), ${lookups} sequential: p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p95 ${percentile(latencies, 0.95).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms (target p95 ≤ 5 ms: ${percentile(latencies, 0.95) <= 5 ? 'met' : 'NOT met'})\n`);
  });
}

async function main(): Promise<void> {
  if (options.data) await labelled(options.data, options.out);
  else if (options.synthetic) await synthetic(Number(options.synthetic), Number(options.batch), Number(options.lookups), Number(options.writers));
  else {
    process.stderr.write('usage: npm run bench:matching -- --data FILE [--out PRED.jsonl] | --synthetic N [--batch B] [--lookups L]\n');
    process.exit(64);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/** The current cluster of each case, by holder and ref (keys `holder\u0000ref`): what the bench scores. */
async function clustersOf(database: DataSource, cases: ReadonlyArray<{ holder: string; caseRef: string }>): Promise<Map<string, string>> {
  const rows = (await database.query(
    `SELECT mc.holder, mc.case_ref, mc.cluster_id FROM match_case mc JOIN unnest($1::text[], $2::text[]) AS wanted(holder, case_ref) USING (holder, case_ref)`,
    [cases.map((entry) => entry.holder), cases.map((entry) => entry.caseRef)],
  )) as Array<{ holder: string; case_ref: string; cluster_id: string }>;
  return new Map(rows.map((row) => [`${row.holder}\u0000${row.case_ref}`, row.cluster_id]));
}

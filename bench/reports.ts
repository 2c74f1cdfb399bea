import 'reflect-metadata';
import pg from 'pg';
import { COMPLAINT_FIGURES, COMPLAINT_TREND } from '../src/complaints/complaints.sql.js';
import { DUPLICATE_FIGURES } from '../src/matching/matching.sql.js';
import { REFERRAL_REQUEST_FIGURES, REFERRAL_SERVICE_FIGURES, REFERRAL_STATUS_FIGURES, REFERRAL_TREND, RESOLUTION_FIGURES, SUCCESS_CASES } from '../src/referrals/referrals.sql.js';
import { SUCCESS_OUTCOMES } from '../src/standard/codes.js';
import { measure, printTable, type Measurement } from './harness.js';
import { rssOf, withBenchHub } from './support.js';

/**
 * `npm run bench:reports`: a year of BENCH_REPORT_COMPLAINTS complaints (1,000,000) and two referrals each, loaded
 * straight into PostgreSQL (the API would take hours; the reports read the tables, not how rows got there), then
 * through a hub process: the yearly report generated and kept in every format (the issue's budget: 60 s, the hub's
 * memory growing by less than 256 MB), its files downloaded, and the dashboard: each month and day the first time
 * (computed from the tables), then asked again as supervisors' pages ask (the kept figures; budget p95 ≤ 200 ms).
 * Baselines from the same run: one count over the year's referrals, and a plain API read.
 * BENCH_REPORTS_PROFILE=1 (or `explain`) times each figure statement of a month alone first.
 */
const COMPLAINTS = Number(process.env.BENCH_REPORT_COMPLAINTS ?? 1_000_000);
const YEAR = 2025;
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

async function load(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const partners = (await db.query<{ id: string }>(`SELECT id FROM partner WHERE active AND kind <> 'platform' ORDER BY id`)).rows.map((row) => row.id);
    const started = Date.now();
    const step = (label: string): unknown => process.stdout.write(`  ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    // Reference codes from the row number in the code's alphabet; times spread over the Bangkok year.
    const code = (digit: number): string => `substr('${ALPHABET}', ((n >> ${5 * digit}) & 31)::int + 1, 1)`;
    await db.query(`
      INSERT INTO complaint (reference_code, status, channel, category, sub_category, received_at, created_by, created_at, updated_at, personal_data, subjects)
      SELECT ${code(8)} || ${code(7)} || ${code(6)} || ${code(5)} || '-' || ${code(4)} || ${code(3)} || ${code(2)} || ${code(1)} || '-' || ${code(0)},
        'dispatched',
        (ARRAY['hotline','hotline','hotline','web','web','email','chatbot_line','chatbot_facebook','line_admin','fax'])[1 + n % 10],
        c.category, c.subs[1 + (n / 7) % array_length(c.subs, 1)],
        t, 'bench', t, t, 'sealed-elsewhere', '[]'
      FROM generate_series(1, $1::int) AS n,
        LATERAL (SELECT timestamptz '${YEAR}-01-01 00:00+07' + (n::float8 / $1) * interval '365 days' AS t) AS at,
        LATERAL (SELECT * FROM (VALUES
          (0, 'shopping', ARRAY['not_received','late_delivery','wrong_item','damaged','overpriced']),
          (1, 'illegal_website', ARRAY['gambling','investment_scam','call_center_sms_scam','loan_scam']),
          (2, 'cyber_threat', ARRAY['harmful_link','intrusion']),
          (3, 'platform_service', ARRAY['unfair_practice','online_trade','personal_data','telecom'])) AS v(k, category, subs) WHERE v.k = n % 4) AS c`,
    [COMPLAINTS]);
    step(`${COMPLAINTS.toLocaleString()} complaints`);
    // Two referrals a complaint; the agencies answer after 1–60 hours, four in ten resolve (two of those with money
    // or goods back), one in ten rejects, some ask for information or transfer.
    await db.query(`
      INSERT INTO referral (complaint_id, partner_id, status, version, requested_action, due_at, created_by, created_at, updated_at, acknowledged_at, closed_at, resolution)
      SELECT c.id, p.partner, s.status, 1, 'investigate', r.created + interval '14 days', 'bench', r.created, r.created,
        CASE WHEN s.status <> 'dispatched' THEN r.created + ((1 + (h % 60)) * interval '1 hour') END,
        CASE WHEN s.status IN ('resolved', 'rejected', 'transferred') THEN r.created + ((2 + (h % 25)) * interval '1 day') END,
        CASE WHEN s.status = 'resolved' THEN jsonb_build_object('summary', 'ไกล่เกลี่ยสำเร็จ กรณีที่ ' || c.seq,
          'outcome', (ARRAY['money_returned','goods_delivered','advice_given','other'])[1 + h % 4],
          'amountRecovered', CASE WHEN h % 4 = 0 THEN jsonb_build_object('amountSatang', 10000 + h % 5000000, 'currency', 'THB') END) END
      FROM complaint c
      CROSS JOIN LATERAL (VALUES (0), (1)) AS k(which)
      CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || k.which)) AS h, abs(hashtext(c.id::text)) AS first) AS hash
      -- Two different agencies: the complaint's first, and the next one in the registry.
      CROSS JOIN LATERAL (SELECT ($1::text[])[1 + (first + k.which) % array_length($1::text[], 1)] AS partner) AS p
      CROSS JOIN LATERAL (SELECT c.received_at + ((10 + h % 600) * interval '1 minute') AS created) AS r
      CROSS JOIN LATERAL (SELECT (ARRAY['resolved','resolved','resolved','resolved','in_progress','in_progress','acknowledged','rejected','info_requested','transferred'])[1 + (h / 7) % 10] AS status) AS s`,
    [partners]);
    step('2 referrals each');
    await db.query(`
      INSERT INTO referral_event (referral_id, status, source, actor, occurred_at)
      SELECT id, status, 'partner', partner_id, coalesce(closed_at, acknowledged_at + interval '1 day') FROM referral WHERE status IN ('info_requested', 'transferred')`);
    step('information requests and transfers');
    // Matching: one case per complaint; one in twenty shares a cluster with the complaint before it.
    await db.query(`
      INSERT INTO match_case (id, holder, case_ref, complaint_id, category, sub_category, reported_at, cluster_id, created_at, updated_at)
      SELECT gen_random_uuid(), '1212', reference_code, id, category, sub_category, received_at,
        md5('cluster' || CASE WHEN seq % 20 = 1 THEN seq - 1 ELSE seq END)::uuid, received_at, received_at
      FROM complaint`);
    await db.query(`INSERT INTO match_cluster_agency (cluster_id, agency) SELECT DISTINCT mc.cluster_id, r.partner_id FROM match_case mc JOIN referral r ON r.complaint_id = mc.complaint_id WHERE mc.complaint_id IS NOT NULL ON CONFLICT DO NOTHING`);
    step('matching cases and clusters');
    await db.query('VACUUM ANALYZE complaint, referral, referral_event, match_case, match_cluster_agency');
    step('vacuum analyze');
  } finally {
    await db.end();
  }
}

/** Where a month's figures spend their time: each statement alone, three runs, the best. */
async function profile(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const start = new Date(`${YEAR}-06-01T00:00:00+07:00`);
  const end = new Date(`${YEAR}-07-01T00:00:00+07:00`);
  const partners = (await db.query<{ id: string; hours: number }>('SELECT id, sla_acknowledge_hours AS hours FROM partner ORDER BY id')).rows;
  const statements: Array<[string, string, unknown[]]> = [
    ['COMPLAINT_FIGURES', COMPLAINT_FIGURES, [start, end]],
    ['COMPLAINT_TREND', COMPLAINT_TREND, [start, end, 'day']],
    ['REFERRAL_STATUS_FIGURES', REFERRAL_STATUS_FIGURES, [start, end, null]],
    ['REFERRAL_SERVICE_FIGURES', REFERRAL_SERVICE_FIGURES, [start, end, null, partners.map((row) => row.id), partners.map((row) => row.hours), new Date()]],
    ['REFERRAL_REQUEST_FIGURES', REFERRAL_REQUEST_FIGURES, [start, end, null]],
    ['RESOLUTION_FIGURES', RESOLUTION_FIGURES, [start, end, null]],
    ['SUCCESS_CASES', SUCCESS_CASES, [start, end, null, [...SUCCESS_OUTCOMES], 10_000]],
    ['REFERRAL_TREND', REFERRAL_TREND, [start, end, 'day', null]],
    ['DUPLICATE_FIGURES', DUPLICATE_FIGURES, [start, end]],
  ];
  process.stdout.write('\nA month, statement by statement (best of 3):\n');
  for (const [name, sql, parameters] of statements) {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      await db.query(sql, parameters);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    process.stdout.write(`  ${name.padEnd(28)} ${best.toFixed(1).padStart(8)} ms\n`);
    if (process.env.BENCH_REPORTS_PROFILE === 'explain') {
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
      process.stdout.write(`${plan.rows.map((row: Record<string, string>) => `      ${row['QUERY PLAN']}`).join('\n')}\n`);
    }
  }
  await db.end();
}

async function main(): Promise<void> {
  process.stdout.write(`reports bench: ${COMPLAINTS.toLocaleString()} complaints and ${(2 * COMPLAINTS).toLocaleString()} referrals in ${YEAR}; node ${process.version}\n`);
  await withBenchHub({ REPORTS_SCHEDULER: 'false', MATCHING_NOTIFIER: 'false' }, async ({ databaseUrl, base, client, token, hub }) => {
    process.stdout.write('loading:\n');
    await load(databaseUrl);
    const staff = await token('staff');
    if (process.env.BENCH_REPORTS_PROFILE) await profile(databaseUrl);

    // Baseline: one scan of the year's referrals.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const scanStarted = process.hrtime.bigint();
    await db.query(`SELECT count(*), count(acknowledged_at), count(closed_at) FROM referral WHERE created_at >= '${YEAR}-01-01 00:00+07' AND created_at < '${YEAR + 1}-01-01 00:00+07'`);
    const scanSeconds = Number(process.hrtime.bigint() - scanStarted) / 1e9;
    await db.end();

    // The yearly report, every format, kept in the object store: time and the hub's resident memory, sampled.
    const rssBefore = rssOf(hub.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(hub.pid!))), 50);
    const started = process.hrtime.bigint();
    const run = await fetch(`${base}/v1/reports/year/runs?date=${YEAR}-06-01`, { method: 'POST', headers: { authorization: `Bearer ${staff}` } });
    const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 201) throw new Error(`the yearly report answered ${run.status}: ${await run.text()}`);
    const kept = (await run.json()) as { files: Array<{ format: string; sizeBytes: number; href: string }> };
    const downloadStarted = process.hrtime.bigint();
    let downloaded = 0;
    for (const file of kept.files) downloaded += (await (await fetch(base + file.href, { headers: { authorization: `Bearer ${staff}` } })).arrayBuffer()).byteLength;
    const downloadSeconds = Number(process.hrtime.bigint() - downloadStarted) / 1e9;
    const csvStarted = process.hrtime.bigint();
    const csv = await (await fetch(`${base}/v1/reports/year?date=${YEAR}-06-01&format=csv&table=success_cases`, { headers: { authorization: `Bearer ${staff}` } })).text();
    const csvSeconds = Number(process.hrtime.bigint() - csvStarted) / 1e9;
    clearInterval(sampler);
    process.stdout.write(`\nYearly report (${YEAR}), every format, generated and kept\n`);
    process.stdout.write(`  baseline: one count over the year's referrals          ${scanSeconds.toFixed(2)} s\n`);
    process.stdout.write(`  POST /v1/reports/year/runs (figures, JSON, XLSX, PPTX)   ${generateSeconds.toFixed(2)} s   (budget 60 s; ${(generateSeconds / scanSeconds).toFixed(1)}× the baseline)\n`);
    process.stdout.write(`  files: ${kept.files.map((file) => `${file.format} ${(file.sizeBytes / 1024).toFixed(0)} kB`).join(', ')}\n`);
    process.stdout.write(`  downloading the three kept files                         ${downloadSeconds.toFixed(2)} s (${(downloaded / 1024).toFixed(0)} kB)\n`);
    process.stdout.write(`  CSV of the success cases from the kept JSON              ${csvSeconds.toFixed(2)} s (${csv.split('\n').length - 2} rows)\n`);
    process.stdout.write(`  hub resident memory: ${(rssBefore / 2 ** 20).toFixed(0)} MB before, ${(rssPeak / 2 ** 20).toFixed(0)} MB at most: +${((rssPeak - rssBefore) / 2 ** 20).toFixed(0)} MB (budget 256 MB)\n`);

    // The dashboard: each month (and day) asked for the first time, computed from the tables; then one month asked
    // again and again, as supervisors' pages do, answered from the figures the hub keeps (30 s, refreshed behind).
    const budget = Number(process.env.BENCH_MS ?? 5000);
    const dashboard = async (period: string, date: string): Promise<void> => {
      const { status } = await client.send('GET', `/v1/reports/dashboard?period=${period}&date=${date}`, staff);
      if (status !== 200) throw new Error(`dashboard answered ${status}`);
    };
    const firstTimes = async (name: string, dates: string[], period: string): Promise<Measurement> => {
      const latencies: number[] = [];
      for (const date of dates) {
        const started = process.hrtime.bigint();
        await dashboard(period, date);
        latencies.push(Number(process.hrtime.bigint() - started) / 1000);
      }
      latencies.sort((a, b) => a - b);
      const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
      return { name, operations: latencies.length, opsPerSecond: 1e6 / (latencies.reduce((sum, value) => sum + value, 0) / latencies.length), p50Micros: at(0.5), p95Micros: at(0.95), p99Micros: at(0.99) };
    };
    const months = Array.from({ length: 12 }, (_, index) => `${YEAR}-${String(index + 1).padStart(2, '0')}-15`);
    const days = Array.from({ length: 12 }, (_, index) => `${YEAR}-${String(index + 1).padStart(2, '0')}-10`);
    const rows: Measurement[] = [
      await measure('GET /v1/partners (baseline)', async () => {
        const { status } = await client.send('GET', '/v1/partners', staff);
        if (status !== 200) throw new Error(`partners answered ${status}`);
      }, budget, 20),
      await firstTimes('dashboard: a day, first time (12 days)', days, 'day'),
      await firstTimes('dashboard: a month, first time (12 months)', months, 'month'),
      await measure('dashboard: a month, kept figures', () => dashboard('month', `${YEAR}-06-15`), budget, 3),
      await measure('dashboard: a day, kept figures', () => dashboard('day', `${YEAR}-06-10`), budget, 3),
    ];
    printTable('The dashboard, one client (first time: computed from the tables; then kept, 30 s, refreshed behind)', rows, rows[0]);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

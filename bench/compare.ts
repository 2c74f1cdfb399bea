import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CompactSign, importJWK, type JWK } from 'jose';
import { cpuSecondsOf, cpuSecondsOfPostgresIn, dispatchComplaint, load, machineBusySeconds, partnerToken, type BenchHub } from './support.js';

/**
 * `npm run bench:compare -- DIR_A DIR_B`: two builds of the hub (folders laid out as
 * `dist/`, e.g. copies of it made before and after a change) dispatching side by
 * side, each on its own PostgreSQL, in alternating slices. On this machine, whose
 * speed drifts by a third within minutes, two runs one after the other cannot tell
 * a 5% change from the drift; slices a second or two apart see the same minutes.
 * Prints, per build, referrals/s and the CPU per dispatch request of its hub process,
 * of its PostgreSQL (postmaster and children) and of the whole machine.
 *
 * BENCH_WORKLOAD=events compares signed status events instead: each build dispatches
 * the complaints to a partner with a registered key, the events are signed before the
 * clock starts, and slices of them are posted alternately, as the dispatches are.
 * BENCH_WORKLOAD=intake compares complaints recorded (POST /v1/complaints), in slices
 * after INTAKE_WARM_UP not counted.
 *
 * Knobs: BENCH_COMPLAINTS (3000 per build), BENCH_SLICE (250), and per build
 * BENCH_ENV_A / BENCH_ENV_B (JSON of hub settings) and BENCH_SQL_A / BENCH_SQL_B
 * (SQL run on its database before the complaints are recorded: an index dropped, say).
 */
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 3000);
const SLICE = Number(process.env.BENCH_SLICE ?? 250);
const WARM_UP = 100;
/** Intake compiles its path over the first 2,500 complaints or so (`bench:intake -- --ramp`): a longer warm-up before its slices. */
const INTAKE_WARM_UP = 2500;
/**
 * BENCH_IDENTIFIERS=fresh-phones (intake): each complaint quotes a phone nobody quoted before, beside the page and
 * account every complaint quotes, as most complaints do: what a hub cannot have seen must be proven new, not recalled.
 */
const FRESH_PHONES = process.env.BENCH_IDENTIFIERS === 'fresh-phones';
const WORKLOAD = process.env.BENCH_WORKLOAD === 'events' || process.env.BENCH_WORKLOAD === 'intake' ? process.env.BENCH_WORKLOAD : 'dispatch';
const here = path.dirname(fileURLToPath(import.meta.url));

type Support = typeof import('./support.js');

interface Build {
  name: 'A' | 'B';
  setup: BenchHub;
  /** The measured operation, by index: a dispatch, or a status event's POST. */
  operation: (index: number) => Promise<void>;
  total: number;
  next: number;
  dispatched: number;
  seconds: number;
  hubCpu: number;
  postgresCpu: number;
  machineCpu: number;
}

async function main(): Promise<void> {
  const [dirA, dirB] = process.argv.slice(2);
  if (!dirA || !dirB) throw new Error('usage: npm run bench:compare -- DIR_A DIR_B (each a build laid out as dist/)');
  const complaint = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
  // Each build starts its own hub; everything measured from outside the hub is this build's code.
  const supportA = (await import(pathToFileURL(path.resolve(dirA, 'bench', 'support.js')).href)) as Support;
  const supportB = (await import(pathToFileURL(path.resolve(dirB, 'bench', 'support.js')).href)) as Support;
  await supportA.withBenchHub(settingsFor('A'), (setupA) =>
    supportB.withBenchHub(settingsFor('B'), async (setupB) => {
      const builds: Build[] = [];
      for (const [name, setup] of [['A', setupA], ['B', setupB]] as const) {
        const sql = process.env[`BENCH_SQL_${name}`];
        if (sql) await runSql(setup.databaseUrl, sql);
        const staff = await setup.token('staff');
        if (WORKLOAD === 'intake') {
          const record = async (): Promise<void> => {
            await setup.client.post('/v1/complaints', staff, FRESH_PHONES ? withFreshPhones(complaint) : complaint);
          };
          builds.push({ name, setup, operation: record, total: COMPLAINTS + INTAKE_WARM_UP, next: 0, dispatched: 0, seconds: 0, hubCpu: 0, postgresCpu: 0, machineCpu: 0 });
          continue;
        }
        const complaints: string[] = [];
        await load(COMPLAINTS + WARM_UP, async () => {
          complaints.push(((await setup.client.post('/v1/complaints', staff, complaint)) as { id: string }).id);
        });
        const operation = WORKLOAD === 'events' ? await statusEvents(setup, staff, complaints) : (index: number) => dispatchComplaint(setup.client, staff, complaints[index]!);
        builds.push({ name, setup, operation, total: complaints.length, next: 0, dispatched: 0, seconds: 0, hubCpu: 0, postgresCpu: 0, machineCpu: 0 });
      }
      for (const build of builds) await dispatchSlice(build, WORKLOAD === 'intake' ? INTAKE_WARM_UP : WARM_UP, false);
      while (builds.every((build) => build.next + SLICE <= build.total)) {
        for (const build of builds) await dispatchSlice(build, SLICE, true);
      }
      for (const build of builds) {
        const perRequest = (seconds: number): string => ((1000 * seconds) / build.dispatched).toFixed(3);
        const perSecond = Math.round(build.dispatched / build.seconds).toLocaleString('en-US');
        const rate = WORKLOAD === 'events' ? `${perSecond} status events/s; CPU per event`
          : WORKLOAD === 'intake' ? `${perSecond} complaints/s; CPU per complaint`
          : `${Math.round((2 * build.dispatched) / build.seconds).toLocaleString('en-US')} referrals/s; CPU per dispatch request`;
        process.stdout.write(
          `${build.name}: ${rate}, ms: ` +
            `hub ${perRequest(build.hubCpu)}, PostgreSQL ${perRequest(build.postgresCpu)}, machine ${perRequest(build.machineCpu)}\n`,
        );
      }
    }),
  );
}

function settingsFor(name: 'A' | 'B'): Record<string, string> {
  return { PARTNER_RATE_PER_MINUTE: '1000000', ...(JSON.parse(process.env[`BENCH_ENV_${name}`] ?? '{}') as Record<string, string>) };
}

/** Dispatches each complaint to a bench agency and signs one `acknowledged` per referral: the operation posts event i. */
async function statusEvents(setup: BenchHub, staff: string, complaints: readonly string[]): Promise<(index: number) => Promise<void>> {
  const admin = await setup.token('admin');
  const partnerId = 'bench-agency';
  await setup.client.post('/v1/partners', admin, { id: partnerId, nameTh: 'หน่วยงานทดสอบ', nameEn: 'Bench agency', kind: 'government', categories: ['shopping'], deliveryMode: 'pull', serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 } });
  const partnerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kid } = (await setup.client.post(`/v1/partners/${partnerId}/keys`, admin, { jwk: partnerKey.publicKey.export({ format: 'jwk' }) })) as { kid: string };
  const privateJwk = partnerKey.privateKey.export({ format: 'jwk' }) as JWK;
  const referralIds: string[] = new Array(complaints.length);
  await load(complaints.length, async (i) => {
    const dispatched = (await setup.client.post(`/v1/complaints/${complaints[i]}/referrals`, staff, { partners: [partnerId] })) as { referrals: Array<{ id: string }> };
    referralIds[i] = dispatched.referrals[0]!.id;
  });
  const key = await importJWK(privateJwk, 'ES256');
  const iat = Math.floor(Date.now() / 1000);
  const events = await Promise.all(referralIds.map((referralId) =>
    new CompactSign(Buffer.from(JSON.stringify({ type: 'ocx.status-event', ocxVersion: '1.0', id: randomUUID(), issuedAt: new Date().toISOString(), referralId, partnerId, status: 'acknowledged', partnerCaseNumber: 'BENCH-1' })))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'ocx-status-event+jws', iat })
      .sign(key)));
  const token = await partnerToken(setup.base, partnerId, kid, privateJwk);
  return async (index) => {
    const response = await setup.client.send('POST', `/v1/partner/referrals/${referralIds[index]}/events`, token, { type: 'application/jose', text: events[index]! });
    if (response.status !== 201) throw new Error(`event answered ${response.status}: ${response.text}`);
  };
}

async function dispatchSlice(build: Build, count: number, counted: boolean): Promise<void> {
  const first = build.next;
  build.next += count;
  const hub = cpuSecondsOf(build.setup.hub.pid!);
  const postgres = cpuSecondsOfPostgresIn(build.setup.dir);
  const machine = machineBusySeconds();
  const stats = await load(count, (i) => build.operation(first + i));
  if (!counted) return;
  build.dispatched += count;
  build.seconds += stats.seconds;
  build.hubCpu += cpuSecondsOf(build.setup.hub.pid!) - hub;
  build.postgresCpu += cpuSecondsOfPostgresIn(build.setup.dir) - postgres;
  build.machineCpu += machineBusySeconds() - machine;
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

void main();

/** The complaint with each phone replaced by a mobile number drawn at random. */
function withFreshPhones(complaint: Record<string, unknown>): Record<string, unknown> {
  const subjects = complaint.subjects as Array<{ type: string; value: string }>;
  return { ...complaint, subjects: subjects.map((subject) => (subject.type === 'phone' ? { ...subject, value: `08${randomInt(10_000_000, 99_999_999)}` } : subject)) };
}

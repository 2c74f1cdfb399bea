import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateDevIssuerKey, mintDevToken } from '../src/auth/dev-issuer.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { startEmbeddedS3 } from '../src/storage/embedded-s3.js';
import { Pool } from 'undici';

/** Shared by the HTTP benchmarks: the hub in its own process, a closed-loop load generator, /proc readings. */
const here = path.dirname(fileURLToPath(import.meta.url));
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** The agencies every dispatch of the benches names. */
export const DISPATCH_PARTNERS = ['ocpb', 'tcsd'];

/** Dispatches one complaint to DISPATCH_PARTNERS. */
export async function dispatchComplaint(client: HubClient, token: string, complaintId: string): Promise<void> {
  await client.post(`/v1/complaints/${complaintId}/referrals`, token, { partners: DISPATCH_PARTNERS });
}

export interface Stats {
  seconds: number;
  hubCpu?: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Every operation's latency in ms, sorted. */
  latencies: number[];
}

/** Runs `count` operations with CONCURRENCY in flight; ops/s and latency percentiles in ms. */
export async function load(count: number, operation: (index: number) => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        const before = performance.now();
        await operation(index);
        latencies.push(performance.now() - before);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return statsOf(latencies, seconds);
}

/** Several measured stretches as one: their operations over their summed time. */
export function combine(parts: Stats[]): Stats {
  return statsOf(parts.flatMap((part) => part.latencies), parts.reduce((sum, part) => sum + part.seconds, 0));
}

function statsOf(latencies: number[], seconds: number): Stats {
  latencies.sort((a, b) => a - b);
  return { seconds, perSecond: latencies.length / seconds, p50: latencies[Math.floor(latencies.length * 0.5)]!, p95: latencies[Math.floor(latencies.length * 0.95)]!, latencies };
}

/**
 * The load generator's HTTP client: undici's Pool over CONCURRENCY keep-alive
 * connections. `fetch` costs the generator about 0.8 ms of CPU a request here,
 * CPU the hub and PostgreSQL share on this 2-core machine; `request` about a quarter of it.
 */
export class HubClient {
  private readonly pool: Pool;

  constructor(base: string) {
    this.pool = new Pool(base, { connections: CONCURRENCY, pipelining: 1 });
  }

  async send(method: 'GET' | 'POST', path: string, token: string | undefined, body?: { type: string; text: string }): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = body.type;
    const response = await this.pool.request({ method, path, headers, body: body?.text });
    return { status: response.statusCode, text: await response.body.text() };
  }

  async post(path: string, token: string, document: unknown): Promise<unknown> {
    const { status, text } = await this.send('POST', path, token, { type: 'application/json', text: JSON.stringify(document) });
    if (status >= 300) throw new Error(`${path} answered ${status}: ${text}`);
    return JSON.parse(text);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export async function startHub(port: number, dir: string, databaseUrl: string, s3Endpoint: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), path.join(here, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: s3Endpoint,
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
      S3_BUCKET: 'ocx-bench',
      DELIVERY_WORKER: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A bench that dies before its teardown (its output piped into `head`, say) takes its hub with it.
  const killHub = (): void => void child.kill('SIGKILL');
  process.once('exit', killHub);
  child.once('exit', () => process.off('exit', killHub));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok).catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the hub did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

/** User + system CPU seconds a process has used (/proc/PID/stat, clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Where the CPU of a measured stretch went, in ms per operation: the hub, PostgreSQL, the load generator, the machine. */
export interface CpuSplit {
  hub: number;
  postgres: number;
  generator: number;
  machine: number;
}

/** Starts counting; the function returned ends it for `operations` operations. */
export function splitCpu(hubPid: number): (operations: number) => CpuSplit {
  const hub = cpuSecondsOf(hubPid);
  const postgres = cpuSecondsOfProcesses('postgres');
  const machine = machineBusySeconds();
  const generator = process.cpuUsage();
  return (operations) => {
    const own = process.cpuUsage(generator);
    const perOperation = (seconds: number): number => (seconds * 1000) / operations;
    return {
      hub: perOperation(cpuSecondsOf(hubPid) - hub),
      postgres: perOperation(cpuSecondsOfProcesses('postgres') - postgres),
      generator: perOperation((own.user + own.system) / 1e6),
      machine: perOperation(machineBusySeconds() - machine),
    };
  };
}

/** The CPU split of several stretches, weighted by their operations. */
export function combineCpuSplits(parts: Array<{ split: CpuSplit; operations: number }>): CpuSplit {
  const operations = parts.reduce((sum, part) => sum + part.operations, 0);
  const per = (pick: (split: CpuSplit) => number): number => parts.reduce((sum, part) => sum + pick(part.split) * part.operations, 0) / operations;
  return { hub: per((split) => split.hub), postgres: per((split) => split.postgres), generator: per((split) => split.generator), machine: per((split) => split.machine) };
}

export function describeCpuSplit(split: CpuSplit): string {
  return `CPU per operation: hub ${split.hub.toFixed(2)} ms, PostgreSQL ${split.postgres.toFixed(2)} ms, load generator ${split.generator.toFixed(2)} ms; whole machine ${split.machine.toFixed(2)} ms (2 cores: ${Math.round(2000 / split.machine).toLocaleString('en-US')}/s if nothing waited)`;
}

/** CPU seconds the whole machine has been busy (all cores, /proc/stat). */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

interface RunningProcess {
  pid: number;
  parent: number;
  command: string;
  cpuSeconds: number;
}

/** Every process on the machine, from /proc; one that ends while being read is left out. */
function runningProcesses(): RunningProcess[] {
  const processes: RunningProcess[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      processes.push({ pid: Number(entry), parent: Number(fields[1]), command, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  return processes;
}

/** CPU seconds used by every process whose command line mentions `marker` (PostgreSQL's backends, say). */
export function cpuSecondsOfProcesses(marker: string): number {
  return runningProcesses().filter((candidate) => candidate.command.includes(marker)).reduce((sum, candidate) => sum + candidate.cpuSeconds, 0);
}

/** CPU seconds of the PostgreSQL whose data folder is under `dir`: its postmaster and every child. */
export function cpuSecondsOfPostgresIn(dir: string): number {
  const processes = runningProcesses();
  const postmaster = processes.find((candidate) => candidate.command.includes('postgres') && candidate.command.includes(dir))?.pid;
  if (postmaster === undefined) return 0;
  return processes.filter((candidate) => candidate.pid === postmaster || candidate.parent === postmaster).reduce((sum, candidate) => sum + candidate.cpuSeconds, 0);
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

export async function writeLargeJpeg(file: string, size: number): Promise<void> {
  const out = createWriteStream(file);
  const block = randomBytes(1024 * 1024);
  out.write(Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'));
  for (let written = 20; written < size; written += block.length) {
    if (!out.write(block.subarray(0, Math.min(block.length, size - written)))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}


export interface BenchHub {
  readonly dir: string;
  readonly databaseUrl: string;
  readonly s3: { endpoint: string; accessKey: string; secretKey: string; bucket: string; region: string };
  readonly hub: ChildProcess;
  readonly base: string;
  readonly client: HubClient;
  /** A token of the local development issuer. */
  token(role: 'staff' | 'admin'): Promise<string>;
}

/**
 * Runs `bench` against a hub in its own process, on an embedded PostgreSQL and S3
 * store in a temporary folder, and tears everything down afterwards.
 */
export async function withBenchHub<T>(env: Record<string, string>, bench: (setup: BenchHub) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocx-bench-'));
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'ocx_bench', ephemeral: true });
  const s3 = await startEmbeddedS3({ dataDir: dir, port: 0, bucket: 'ocx-bench' });
  let hub: ChildProcess | undefined;
  let client: HubClient | undefined;
  try {
    const issuer = await loadOrCreateDevIssuerKey(dir);
    const port = await freePort();
    hub = await startHub(port, dir, postgres.url, s3.connection.endpoint, env);
    client = new HubClient(`http://127.0.0.1:${port}`);
    return await bench({
      client,
      dir,
      databaseUrl: postgres.url,
      s3: s3.connection,
      hub,
      base: `http://127.0.0.1:${port}`,
      token: (role) => mintDevToken(issuer, { subject: 'bench', roles: [role], audience: 'ocx-hub' }),
    });
  } finally {
    await client?.close();
    if (hub && hub.exitCode === null) {
      const exited = new Promise((resolve) => hub!.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    await s3.stop();
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A partner's access token, got as a partner gets it: an RFC 7523 assertion signed with its key. */
export async function partnerToken(base: string, partnerId: string, kid: string, privateJwk: JWK): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(partnerId)
    .setSubject(partnerId)
    .setAudience('urn:ocx:hub')
    .setJti(randomUUID())
    .setExpirationTime(now + 120)
    .sign(await importJWK(privateJwk, 'ES256'));
  const response = await fetch(`${base}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

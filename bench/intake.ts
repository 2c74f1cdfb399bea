import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCpuSplit, load, splitCpu, withBenchHub } from './support.js';

/**
 * `npm run bench:intake`: complaints recorded per second, alone (bench:dispatch records them too, before its
 * dispatches). The hub in its own process on its own embedded PostgreSQL, 8 concurrent clients, every complaint
 * quoting the same identifiers (one growing cluster: the worst case). BENCH_COMPLAINTS (3000) measured after 2,500 not
 * counted. Prints the rate, the latencies and the CPU per complaint of the hub, PostgreSQL and the machine. With
 * `--ramp`: the rate and CPU of each step of 500 complaints from the start, warm-up included.
 */
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 3000);
/** Not counted: V8 compiles the path over the first 2,500 or so (CPU per complaint halves: `--ramp`). */
const WARM_UP = 2500;
const TARGET = 1000;
/** `--ramp`: complaints from the start in steps of RAMP_STEP, none left out. */
const RAMP_STEP = 500;
const RAMP_STEPS = 12;
const here = path.dirname(fileURLToPath(import.meta.url));

await withBenchHub({}, async ({ hub, client, token }) => {
  const measured = process.argv.includes('--ramp') ? `${RAMP_STEPS * RAMP_STEP} complaints in steps of ${RAMP_STEP} from the start` : `${COMPLAINTS} complaints measured after ${WARM_UP} not counted`;
  process.stdout.write(`node ${process.version}, ${os.cpus().length} cores; ${measured}, 8 concurrent clients\n`);
  const staff = await token('staff');
  const body = JSON.parse(readFileSync(path.join(here, '..', '..', 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
  const record = async (): Promise<void> => {
    await client.post('/v1/complaints', staff, body);
  };
  if (process.argv.includes('--ramp')) {
    // The compile ramp (bench/README.md, session 17): rate and CPU per complaint in steps of RAMP_STEP from the start.
    for (let step = 0; step < RAMP_STEPS; step++) {
      const measureStep = splitCpu(hub.pid!);
      const stepStats = await load(RAMP_STEP, record);
      process.stdout.write(`complaints ${(step * RAMP_STEP).toLocaleString('en')}–${((step + 1) * RAMP_STEP).toLocaleString('en')}: ${Math.round(stepStats.perSecond).toLocaleString('en')}/s; ${describeCpuSplit(measureStep(RAMP_STEP))}\n`);
    }
    return;
  }
  await load(WARM_UP, record);
  const measure = splitCpu(hub.pid!);
  const stats = await load(COMPLAINTS, record);
  const cpu = measure(COMPLAINTS);
  process.stdout.write(`complaints recorded: ${Math.round(stats.perSecond).toLocaleString('en')}/s, p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms\n`);
  process.stdout.write(`${describeCpuSplit(cpu)}\n`);
  process.stdout.write(`target ≥ ${TARGET.toLocaleString('en')} complaints/s: ${stats.perSecond >= TARGET ? 'met' : 'NOT met'}\n`);
});

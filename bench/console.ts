import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { measure, printTable, type Measurement } from './harness.js';
import { withBenchHub } from './support.js';

/**
 * `npm run bench:console`: the console's budgets (issue 19). The initial JavaScript, gzipped,
 * from the build; and in Debian's Chromium against a hub process holding 200 complaints: the
 * complaint list with 50 rows usable after navigation, and a cold load of the page, next to
 * the API call the list makes (its floor) measured in the same run.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COMPLAINTS = 200;

function initialJavaScript(): { files: number; gzipBytes: number } {
  const assets = path.join(root, 'console', 'dist', 'assets');
  const html = readFileSync(path.join(root, 'console', 'dist', 'index.html'), 'utf8');
  const loaded = readdirSync(assets).filter((file) => file.endsWith('.js') && html.includes(file));
  return { files: loaded.length, gzipBytes: loaded.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length, 0) };
}

/** Runs `operation` `runs` times (after two warm-up runs); each run reports its own duration in µs. */
async function timed(name: string, runs: number, operation: () => Promise<number>): Promise<Measurement> {
  for (let warmup = 0; warmup < 2; warmup++) await operation();
  const latencies: number[] = [];
  for (let run = 0; run < runs; run++) latencies.push(await operation());
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return { name, operations: runs, opsPerSecond: 1e6 / mean, p50Micros: at(0.5), p95Micros: at(0.95), p99Micros: at(0.99) };
}

async function main(): Promise<void> {
  const bundle = initialJavaScript();
  process.stdout.write(`initial JavaScript: ${bundle.files} file(s), ${(bundle.gzipBytes / 1024).toFixed(1)} kB gzipped (budget 200 kB)\n`);
  const complaint = JSON.parse(readFileSync(path.join(root, 'bench', 'complaint.json'), 'utf8')) as Record<string, unknown>;
  await withBenchHub({ DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false' }, async ({ base, client, token }) => {
    const staff = await token('staff');
    for (let index = 0; index < COMPLAINTS; index++) await client.post('/v1/complaints', staff, complaint);
    const api = await measure('API: GET /v1/complaints?limit=50 (baseline)', async () => {
      const { status } = await client.send('GET', '/v1/complaints?limit=50', staff);
      if (status !== 200) throw new Error(`list answered ${status}`);
    }, 3000, 20);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const cold = await measure('console: cold load to the sign-in form', async () => {
        const page = await context.newPage();
        await page.goto(`${base}/console/`);
        await page.getByLabel('ชื่อผู้ใช้').waitFor();
        await page.close();
      }, 5000, 2);
      const page = await context.newPage();
      await page.goto(`${base}/console/`);
      await page.getByLabel('ชื่อผู้ใช้').fill('bench');
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
      await page.locator('table.complaints tbody tr').nth(49).waitFor();
      // Timed from the click on the list's link to the 50th row on screen (leaving the list first is not counted).
      const list = await timed('console: navigate to the list, 50 rows shown', 30, async () => {
        await page.getByRole('link', { name: 'ค้นหาผู้ถูกร้อง' }).click();
        await page.locator('#lookup-title').waitFor();
        const started = process.hrtime.bigint();
        await page.getByRole('link', { name: 'เรื่องร้องเรียน' }).first().click();
        await page.locator('table.complaints tbody tr').nth(49).waitFor();
        return Number(process.hrtime.bigint() - started) / 1000;
      });
      printTable(`console budgets (${COMPLAINTS} complaints; list budget: usable within 1 s)`, [api, cold, list], api);
    } finally {
      await browser.close();
    }
  });
}

await main();

import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, TEST_ENV } from './test-infrastructure.js';

/** A hub in its own process, started as `npm start` starts it, on the run's S3 store and a given database. */
export interface HubProcess {
  readonly baseUrl: string;
  /** Everything the process wrote to standard output and standard error so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startHubProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<HubProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve('dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: process.env[TEST_ENV.s3Endpoint],
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
      S3_BUCKET: process.env[TEST_ENV.s3Bucket],
      DATA_DIR: process.env[TEST_ENV.dataDir],
      REPORTS_SCHEDULER: 'false',
      // Overdue corrections are chased only where a test asks for it (test/e2e/corrections.e2e.test.ts).
      CORRECTIONS_CHASER: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${baseUrl}/health/ready`).then((response) => response.ok).catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`the hub process exited: ${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the hub process was not ready within 30 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl, output: () => output, stop };
}

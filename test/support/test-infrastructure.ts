import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Environment variables through which the global setup tells test files where the shared servers are. */
export const TEST_ENV = {
  databaseUrl: 'OCX_TEST_DATABASE_URL',
  s3Endpoint: 'OCX_TEST_S3_ENDPOINT',
  s3Bucket: 'OCX_TEST_S3_BUCKET',
  dataDir: 'OCX_TEST_DATA_DIR',
} as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A temporary folder the `postgres` system user can enter (mkdtemp makes 0700 folders). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

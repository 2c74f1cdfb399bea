// Jest loads global setup outside its module mapper, so this file uses the compiled
// hub (npm test builds first): the same launchers `npm start` uses.
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateDevIssuerKey } from '../../dist/src/auth/dev-issuer.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { startEmbeddedS3 } from '../../dist/src/storage/embedded-s3.js';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One real PostgreSQL and one S3-protocol server for the whole e2e run, on free ports in a temporary folder. */
export default async function globalSetup() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocx-test-e2e-'));
  await chmod(dir, 0o755); // the `postgres` system user must be able to enter it
  const postgres = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'ocx_test', ephemeral: true });
  const s3 = await startEmbeddedS3({ dataDir: dir, port: 0, bucket: 'ocx-test' });
  // Made once here, so parallel test workers never race to create it.
  await loadOrCreateDevIssuerKey(dir);
  globalThis.ocxTestServers = { postgres, s3, dir };
  process.env.OCX_TEST_DATABASE_URL = postgres.url;
  process.env.OCX_TEST_S3_ENDPOINT = s3.connection.endpoint;
  process.env.OCX_TEST_S3_BUCKET = s3.connection.bucket;
  process.env.OCX_TEST_DATA_DIR = dir;
}

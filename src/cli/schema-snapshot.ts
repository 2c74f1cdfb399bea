import 'reflect-metadata';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { runMigrationsLocked } from '../database/database.module.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { schemaSnapshot } from '../database/schema-snapshot.js';

/**
 * `npm run schema:snapshot`: runs every migration on a fresh embedded PostgreSQL (in a
 * temporary folder, whatever DATABASE_URL says) and writes the schema to
 * migrations/schema.sql; with `--check`, fails when the committed file differs.
 */
const SNAPSHOT_FILE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'migrations', 'schema.sql');

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocx-schema-'));
  // mkdtemp makes a 0700 folder; as root the embedded server runs as the postgres user, who must enter it.
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'ocx_schema', ephemeral: true });
  const dataSource = new DataSource({ type: 'postgres', url: postgres.url, migrations: MIGRATIONS });
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    const snapshot = await schemaSnapshot((sql) => dataSource.query(sql));
    if (!check) {
      await writeFile(SNAPSHOT_FILE, snapshot);
      process.stdout.write(`wrote ${path.relative(process.cwd(), SNAPSHOT_FILE)}\n`);
      return;
    }
    const committed = await readFile(SNAPSHOT_FILE, 'utf8').catch(() => '');
    if (committed !== snapshot) {
      process.stderr.write('migrations/schema.sql differs from the schema the migrations build: run npm run schema:snapshot and commit it\n');
      process.exitCode = 1;
    } else process.stdout.write('migrations/schema.sql matches the migrations\n');
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`schema:snapshot failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

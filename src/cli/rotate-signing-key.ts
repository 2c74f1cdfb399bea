import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { runMigrationsLocked } from '../database/database.module.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded-postgres.js';
import { SnakeNamingStrategy } from '../database/snake-naming.strategy.js';
import { HubKeysService } from '../hub-keys/hub-keys.service.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { HubSigningKey } from '../signing/hub-signing-key.entity.js';
import { loadMasterKey } from '../signing/master-key.js';

/**
 * `npm run keys:rotate`: a new hub signing key becomes active; the previous one keeps
 * verifying for SIGNING_KEY_RETIRED_DAYS. Running hub processes pick the new key up
 * within SIGNING_KEY_REFRESH_SECONDS. Works on the embedded database whether or not
 * the hub is running.
 */
async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const { url, embedded } = await databaseUrl(settings);
  const dataSource = new DataSource({ type: 'postgres', url, entities: [HubSigningKey, AuditEntry], migrations: MIGRATIONS, namingStrategy: new SnakeNamingStrategy() });
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    const store = new HubKeyStore(dataSource, settings, await loadMasterKey(settings));
    await store.onModuleInit();
    const created = await new HubKeysService(store, new AuditService(dataSource)).rotate({ subject: `cli:${process.env.USER ?? 'operator'}`, role: 'admin' });
    store.onModuleDestroy();
    process.stdout.write(`new active signing key: ${created.kid}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

async function databaseUrl(settings: Settings): Promise<{ url: string; embedded?: RunningPostgres }> {
  if (settings.DATABASE_URL) return { url: settings.DATABASE_URL };
  const password = (await readFile(path.join(path.resolve(settings.DATA_DIR), 'pg-password'), 'utf8').catch(() => '')).trim();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${settings.EMBEDDED_PG_PORT}/ocx`;
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return { url }; // the hub is running: use its database
  } catch {
    const embedded = await startEmbeddedPostgres({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_PG_PORT, database: 'ocx' });
    return { url: embedded.url, embedded };
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`keys:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

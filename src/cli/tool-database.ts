import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Settings } from '../config/settings.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded-postgres.js';

/**
 * The database a maintenance command works on, connected: DATABASE_MIGRATION_URL or
 * DATABASE_URL, or the embedded one under DATA_DIR (started for the command; refused
 * while a hub runs on it). `hubsMustBeStopped`: on a database of its own, the operator
 * says every hub is stopped with `--hubs-stopped`.
 */
export async function connectToolDatabase(settings: Settings, options: { hubsMustBeStopped: boolean }): Promise<{ client: pg.Client; close: () => Promise<void> }> {
  let embedded: RunningPostgres | undefined;
  let url = settings.DATABASE_MIGRATION_URL ?? settings.DATABASE_URL;
  if (!url) {
    // The embedded database: if it answers, a hub is running on it.
    const password = (await readFile(path.join(path.resolve(settings.DATA_DIR), 'pg-password'), 'utf8').catch(() => '')).trim();
    const probe = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${settings.EMBEDDED_PG_PORT}/ocx` });
    const running = await probe.connect().then(() => true, () => false);
    await probe.end().catch(() => undefined);
    if (running) throw new Error('the hub is running on the embedded database: stop it first');
    embedded = await startEmbeddedPostgres({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_PG_PORT, database: 'ocx' });
    url = embedded.url;
  } else if (options.hubsMustBeStopped && !process.argv.includes('--hubs-stopped')) {
    throw new Error('stop every hub process on this database, then run again with --hubs-stopped');
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    client,
    close: async () => {
      await client.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadSettings } from '../config/settings.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded-postgres.js';
import { decodeKey } from '../matching/identifiers/blind-index.js';
import { rekeyMatchingIndex } from '../matching/identifiers/rekey.js';

/**
 * `MATCHING_NEW_INDEX_KEY=… npm run matching:rekey -- --hubs-stopped`: step 3 of the
 * blind-index key rotation (schemas/README.md §2.6). The new key comes from the
 * environment, never from the command line (it would be in the shell history and
 * the process list). Every hub must be stopped: a hub still hashing with the old
 * keys would write hashes that match nothing.
 */
async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const encoded = process.env.MATCHING_NEW_INDEX_KEY;
  if (!encoded) throw new Error('set MATCHING_NEW_INDEX_KEY to the new key (32 random bytes, base64: openssl rand -base64 32)');
  const newKey = decodeKey(encoded);
  // Without MATCHING_INDEX_KEYS the hub derives its key from the master key, a development set-up with nothing to
  // chain a new key to: rotation starts from keys the operator holds.
  if (!settings.MATCHING_INDEX_KEYS) throw new Error('set MATCHING_INDEX_KEYS to the keys the hubs use now (rotation chains the new key after them)');
  let embedded: RunningPostgres | undefined;
  let url = settings.DATABASE_URL;
  if (!url) {
    // The embedded database: if it answers, the hub is running on it.
    const password = (await readFile(path.join(path.resolve(settings.DATA_DIR), 'pg-password'), 'utf8').catch(() => '')).trim();
    const probe = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${settings.EMBEDDED_PG_PORT}/ocx` });
    const running = await probe.connect().then(() => true, () => false);
    await probe.end().catch(() => undefined);
    if (running) throw new Error('the hub is running on the embedded database: stop it first');
    embedded = await startEmbeddedPostgres({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_PG_PORT, database: 'ocx' });
    url = embedded.url;
  } else if (!process.argv.includes('--hubs-stopped')) {
    throw new Error('stop every hub process on this database, then run again with --hubs-stopped');
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await rekeyMatchingIndex(client, newKey);
    process.stdout.write(`re-keyed ${result.identifiers} identifiers and ${result.splits} splits.\nNow start the hubs with MATCHING_INDEX_KEYS set to the old keys followed by the new one (comma-separated).\n`);
  } finally {
    await client.end().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`matching:rekey failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

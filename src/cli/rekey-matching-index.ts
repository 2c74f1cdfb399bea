import 'reflect-metadata';
import { loadSettings } from '../config/settings.js';
import { decodeKey } from '../matching/identifiers/blind-index.js';
import { rekeyMatchingIndex } from '../matching/identifiers/rekey.js';
import { connectToolDatabase } from './tool-database.js';

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
  const database = await connectToolDatabase(settings, { hubsMustBeStopped: true });
  try {
    const result = await rekeyMatchingIndex(database.client, newKey);
    process.stdout.write(`re-keyed ${result.identifiers} identifiers and ${result.splits} splits.\nNow start the hubs with MATCHING_INDEX_KEYS set to the old keys followed by the new one (comma-separated).\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`matching:rekey failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

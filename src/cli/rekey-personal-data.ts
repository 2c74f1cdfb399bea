import 'reflect-metadata';
import { loadSettings } from '../config/settings.js';
import { loadMasterKey } from '../signing/master-key.js';
import { rekeyPersonalData } from './personal-data-rekey.js';
import { connectToolDatabase } from './tool-database.js';

/**
 * `npm run pii:rekey`: a new data key for personal data at rest, and every sealed value
 * moved to it, while the hubs run (see personal-data-rekey.ts).
 * `npm run pii:rekey -- --retire-old-keys --hubs-stopped` also deletes the old keys, after
 * which what was sealed under them (in backups, say) no longer opens with this database.
 */
async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const retireOldKeys = process.argv.includes('--retire-old-keys');
  const database = await connectToolDatabase(settings, { hubsMustBeStopped: retireOldKeys });
  try {
    const result = await rekeyPersonalData(database.client, await loadMasterKey(settings), { retireOldKeys });
    process.stdout.write(
      `data key ${result.kid} is current; sealed again under it: ${result.complaints} complaints, ${result.referralDocuments} referral documents, ${result.corrections} corrections and retractions, ` +
        `${result.pushPayloads} queued pushes (${result.passes} passes).\n` +
        (result.retired.length > 0 ? `deleted the old keys ${result.retired.join(', ')}.\n` : 'the old keys are kept (values in backups still open); --retire-old-keys --hubs-stopped deletes them.\n'),
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pii:rekey failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

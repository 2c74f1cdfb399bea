import type pg from 'pg';
import { PiiCipher } from '../common/pii-cipher.js';
import { LEGACY_NATIONAL_ID_FIELD, resealComplaints } from '../complaints/complaint-sealing.js';
import { resealPayloads } from '../delivery/payload-sealing.js';
import { resealReferralDocuments } from '../referrals/referral-document-sealing.js';
import { resealCorrections } from '../corrections/correction-sealing.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { DELETE_DATA_KEYS_EXCEPT } from '../sealing/sealing.sql.js';
import { transactOnClient } from '../sealing/transact.js';

export interface RekeyResult {
  kid: string;
  complaints: number;
  referralDocuments: number;
  corrections: number;
  pushPayloads: number;
  passes: number;
  /** Keys deleted (with `retireOldKeys`). */
  retired: string[];
}

/** Passes over the data until one finds nothing left under an older key. */
const MAX_PASSES = 5;

/**
 * Rotates the data key that seals personal data: a new key becomes current (every hub
 * reads it at once, by notification), then every sealed value of the owners (complaints,
 * Referral documents, Corrections and Retractions, queued pushes) is sealed again under it, a batch per transaction,
 * while the hubs run. A hub that sealed under the old key just before it heard of the new
 * one is caught by the next pass; passes go on until one finds nothing. Old keys stay
 * (a value under them still opens) unless `retireOldKeys`, for which every hub must be
 * stopped: then nothing can be sealed under them any more, and they are deleted.
 */
export async function rekeyPersonalData(client: pg.Client, masterKey: Buffer, options: { retireOldKeys: boolean; pauseMs?: number; now?: Date }): Promise<RekeyResult> {
  const ring = new DataKeyRing(async (sql, params) => (await client.query(sql, params)).rows, masterKey);
  await ring.reload();
  if (ring.knownKids.length === 0) throw new Error('there is no data key yet: start the hub once, it makes the first');
  const kid = await ring.addKey(options.now ?? new Date());
  const transact = transactOnClient(client);
  const legacy = new PiiCipher(masterKey);
  const result: RekeyResult = { kid, complaints: 0, referralDocuments: 0, corrections: 0, pushPayloads: 0, passes: 0, retired: [] };
  for (;;) {
    result.passes++;
    const complaints = await resealComplaints(ring, transact, { scope: 'stale', openLegacyNationalId: (sealed) => legacy.open(LEGACY_NATIONAL_ID_FIELD, sealed) });
    const referralDocuments = await resealReferralDocuments(ring, transact, 'stale');
    const pushPayloads = await resealPayloads(ring, transact, 'stale');
    const corrections = await resealCorrections(ring, transact);
    result.complaints += complaints;
    result.referralDocuments += referralDocuments;
    result.pushPayloads += pushPayloads;
    result.corrections += corrections;
    if (complaints + referralDocuments + pushPayloads + corrections === 0) break;
    if (result.passes === MAX_PASSES) throw new Error(`values are still being sealed under an older key after ${MAX_PASSES} passes: is a hub not receiving notifications (restart it), or an older hub version running?`);
    // Time for a hub that had not yet heard of the new key to hear of it.
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 2000));
  }
  if (options.retireOldKeys) result.retired = (await client.query<{ kid: string }>(DELETE_DATA_KEYS_EXCEPT, [kid])).rows.map((row) => row.kid);
  return result;
}

import { normaliseForSearch } from '../common/thai-text.js';
import type { DataKeyRing, Transact } from '../sealing/data-key-ring.js';
import { CURRENT_GRAM_SCHEME } from '../sealing/search-grams.js';
import type { ComplaintTransaction, PersonalData } from './complaint.entity.js';
import { RESEAL_COMPLAINT, REINDEX_COMPLAINT, STALE_COMPLAINTS, UNSEALED_COMPLAINTS } from './complaints.sql.js';

/** The field a national id was sealed for before data keys (`p1.` values in complainant_national_id_sealed). */
export const LEGACY_NATIONAL_ID_FIELD = 'complaint.complainant.nationalId';

/** The place a complaint's personal data is sealed for: a sealed value copied to another row does not open. */
function context(complaintId: string): string {
  return `complaint.personal_data:${complaintId}`;
}

export function sealPersonalData(ring: DataKeyRing, complaintId: string, personal: PersonalData): string {
  return ring.seal(context(complaintId), JSON.stringify(personal));
}

export async function openPersonalData(ring: DataKeyRing, complaintId: string, sealed: string | null): Promise<PersonalData> {
  if (sealed === null) throw new Error(`complaint ${complaintId} has not been sealed yet (the hub seals every complaint when it starts)`);
  return JSON.parse(await ring.open(context(complaintId), sealed)) as PersonalData;
}

/** What search reads of a complaint: its narrative, product and seller, normalised. */
export function searchTextOf(narrative: string, transaction: ComplaintTransaction | null): string {
  return normaliseForSearch([narrative, transaction?.product, transaction?.seller].filter(Boolean).join(' \n '));
}

interface ResealRow {
  id: string;
  seq: string;
  personalData: string | null;
  transaction: ComplaintTransaction | null;
  legacyNarrative: string | null;
  legacyName: string | null;
  legacyPhone: string | null;
  legacyEmail: string | null;
  legacyLineId: string | null;
  legacyNationalId: string | null;
}

export interface ResealOptions {
  /** Only rows written before sealing (at start), or every row not under the current key (`pii:rekey`). */
  scope: 'unsealed' | 'stale';
  /** Opens a national id sealed the way the hub did before data keys (`p1.` values). */
  openLegacyNationalId: (sealed: string) => string;
  batchSize?: number;
}

/**
 * Seals (or re-seals under the current key) every complaint in scope, and re-indexes its
 * search grams under the current key and scheme, a batch per transaction; returns how many
 * complaints were written.
 */
export async function resealComplaints(ring: DataKeyRing, transact: Transact, options: ResealOptions): Promise<number> {
  const batchSize = options.batchSize ?? 200;
  let after = '0';
  let written = 0;
  for (;;) {
    const kid = ring.currentKid;
    const batch = await transact(async (run) => {
      const rows = (options.scope === 'unsealed'
        ? await run(UNSEALED_COMPLAINTS, [after, batchSize])
        : await run(STALE_COMPLAINTS, [after, batchSize, `e1.${kid}.%`, kid, CURRENT_GRAM_SCHEME])) as unknown as ResealRow[];
      for (const row of rows) {
        const personal = row.personalData !== null ? await openPersonalData(ring, row.id, row.personalData) : legacyPersonalData(row, options.openLegacyNationalId);
        if (!ring.isCurrent(row.personalData)) await run(RESEAL_COMPLAINT, [row.id, sealPersonalData(ring, row.id, personal)]);
        const index = ring.searchGrams(searchTextOf(personal.narrative, row.transaction));
        await run(REINDEX_COMPLAINT, [row.id, index.grams, index.kid, index.scheme]);
      }
      return rows;
    });
    written += batch.length;
    if (batch.length < batchSize) return written;
    after = batch.at(-1)!.seq;
  }
}

function legacyPersonalData(row: ResealRow, openLegacyNationalId: (sealed: string) => string): PersonalData {
  return {
    narrative: row.legacyNarrative ?? '',
    complainant: {
      name: row.legacyName ?? '',
      phone: row.legacyPhone,
      email: row.legacyEmail,
      lineId: row.legacyLineId,
      nationalId: row.legacyNationalId ? openLegacyNationalId(row.legacyNationalId) : null,
    },
  };
}

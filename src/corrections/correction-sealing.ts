import type { DataKeyRing, Transact } from '../sealing/data-key-ring.js';
import { resealDocuments } from '../sealing/reseal-documents.js';
import { RESEAL_CORRECTION, STALE_CORRECTIONS, UNSEALED_CORRECTIONS } from './corrections.sql.js';

/**
 * A Correction or Retraction may carry 1212's note, which may name a person: it is stored sealed like a Referral
 * (`correction.jws`), its SHA-256 and signature those of the JWS as signed.
 */
function context(documentId: string): string {
  return `correction.jws:${documentId}`;
}

export function sealCorrectionJws(ring: DataKeyRing, documentId: string, jws: string): string {
  return ring.seal(context(documentId), jws);
}

export function openCorrectionJws(ring: DataKeyRing, record: { documentId: string; jws: string }): Promise<string> {
  return ring.openDocument(context(record.documentId), record.jws);
}

/** Seals every stored Correction and Retraction under the current data key (`pii:rekey`); how many were written. */
export function resealCorrections(ring: DataKeyRing, transact: Transact): Promise<number> {
  return resealDocuments(ring, transact, 'stale', { unsealed: UNSEALED_CORRECTIONS, stale: STALE_CORRECTIONS, update: RESEAL_CORRECTION, context });
}

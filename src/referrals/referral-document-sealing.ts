import type { DataKeyRing, Transact } from '../sealing/data-key-ring.js';
import { resealDocuments } from '../sealing/reseal-documents.js';
import { RESEAL_REFERRAL_DOCUMENT, STALE_REFERRAL_DOCUMENTS, UNSEALED_REFERRAL_DOCUMENTS } from './referrals.sql.js';

/**
 * A Referral JWS carries the complainant's contact data, so it is stored sealed
 * (`referral_document.jws`) and opened only to be handed to its partner or to staff.
 * Its SHA-256 and signature are those of the JWS as signed: sealing changes how it is
 * kept, never what was sent.
 */
function context(documentId: string): string {
  return `referral_document.jws:${documentId}`;
}

export function sealReferralJws(ring: DataKeyRing, documentId: string, jws: string): string {
  return ring.seal(context(documentId), jws);
}

/** The JWS as signed (a document stored before sealing is returned as it is). */
export function openReferralJws(ring: DataKeyRing, record: { documentId: string; jws: string }): Promise<string> {
  return ring.openDocument(context(record.documentId), record.jws);
}

/** Seals every stored Referral JWS in scope under the current data key; how many were written. */
export function resealReferralDocuments(ring: DataKeyRing, transact: Transact, scope: 'unsealed' | 'stale'): Promise<number> {
  return resealDocuments(ring, transact, scope, { unsealed: UNSEALED_REFERRAL_DOCUMENTS, stale: STALE_REFERRAL_DOCUMENTS, update: RESEAL_REFERRAL_DOCUMENT, context });
}

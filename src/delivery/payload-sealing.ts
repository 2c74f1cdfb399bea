import type { DataKeyRing, Transact } from '../sealing/data-key-ring.js';
import { resealDocuments } from '../sealing/reseal-documents.js';
import { RESEAL_PAYLOAD, STALE_PAYLOADS, UNSEALED_PAYLOADS } from './delivery.sql.js';

/**
 * A push's payload is a signed document that may carry personal data (a Referral does),
 * so it waits in the outbox sealed and is opened only to be sent.
 */
function context(messageId: string): string {
  return `outbox_message.payload:${messageId}`;
}

export function sealPayload(ring: DataKeyRing, messageId: string, payload: string): string {
  return ring.seal(context(messageId), payload);
}

/** The payload as it is sent (one queued before sealing is returned as it is). */
export function openPayload(ring: DataKeyRing, message: { id: string; payload: string }): Promise<string> {
  return ring.openDocument(context(message.id), message.payload);
}

/** Seals every queued payload in scope under the current data key; how many were written. */
export function resealPayloads(ring: DataKeyRing, transact: Transact, scope: 'unsealed' | 'stale'): Promise<number> {
  return resealDocuments(ring, transact, scope, { unsealed: UNSEALED_PAYLOADS, stale: STALE_PAYLOADS, update: RESEAL_PAYLOAD, context });
}

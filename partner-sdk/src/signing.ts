import { CompactSign, type CryptoKey } from 'jose';
import { PARTNER_DOCUMENT_JWS_TYPES } from './documents.js';

export type PartnerDocumentType = keyof typeof PARTNER_DOCUMENT_JWS_TYPES;

/** Signs a document as the hub expects from a partner: compact JWS, ES256, its `typ`, your `kid`, `iat`. */
export async function signPartnerDocument(
  document: { type: PartnerDocumentType },
  signer: { key: CryptoKey; kid: string; now: () => number },
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(document)))
    .setProtectedHeader({ alg: 'ES256', typ: PARTNER_DOCUMENT_JWS_TYPES[document.type], kid: signer.kid, iat: Math.floor(signer.now() / 1000) })
    .sign(signer.key);
}

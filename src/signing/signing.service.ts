import { Injectable } from '@nestjs/common';
import { DOCUMENT_KINDS, type DocumentName } from '../standard/codes.js';
import { parseCompact, signCompact, verifySignature } from './compact-jws.js';
import { HubKeyStore } from './hub-key-store.service.js';
import { SigningError } from './signing.errors.js';

/** Signs the hub's documents (compact JWS, ES256) and verifies documents the hub signed. */
@Injectable()
export class SigningService {
  constructor(private readonly keys: HubKeyStore) {}

  sign(name: DocumentName, document: object, now: Date = new Date()): string {
    const { kid, privateKey } = this.keys.signingKey();
    const header = { alg: 'ES256' as const, kid, typ: DOCUMENT_KINDS[name].typ, iat: Math.floor(now.getTime() / 1000) };
    return signCompact(header, Buffer.from(JSON.stringify(document), 'utf8'), privateKey);
  }

  /** Verifies a JWS the hub signed (with its active or a retired key) and returns its payload. */
  async verifyOwn(jws: string): Promise<{ header: Record<string, unknown>; document: unknown }> {
    const parsed = parseCompact(jws);
    const kid = typeof parsed.header.kid === 'string' ? parsed.header.kid : '';
    let key = this.keys.verificationKey(kid);
    if (!key) {
      await this.keys.reload();
      key = this.keys.verificationKey(kid);
    }
    if (!key) throw new SigningError('SIGNATURE_KEY_UNKNOWN', `The hub has no key "${kid}" that still verifies.`);
    if (!verifySignature(parsed, key)) throw new SigningError('SIGNATURE_INVALID', 'The signature does not verify under the hub key it names.');
    return { header: parsed.header, document: JSON.parse(parsed.payload.toString('utf8')) };
  }
}

import { Injectable } from '@nestjs/common';
import { DOCUMENT_KINDS, type DocumentName } from '../standard/codes.js';
import { signCompact } from './compact-jws.js';
import { HubKeyStore } from './hub-key-store.service.js';

/** Signs the hub's documents (compact JWS, ES256); receivers verify them with the published JWKS. */
@Injectable()
export class SigningService {
  constructor(private readonly keys: HubKeyStore) {}

  sign(name: DocumentName, document: object, now: Date = new Date()): string {
    const { kid, privateKey } = this.keys.signingKey();
    const header = { alg: 'ES256' as const, kid, typ: DOCUMENT_KINDS[name].typ, iat: Math.floor(now.getTime() / 1000) };
    return signCompact(header, Buffer.from(JSON.stringify(document), 'utf8'), privateKey);
  }
}

import { compactVerify, createRemoteJWKSet, customFetch, errors, type JWSHeaderParameters } from 'jose';
import { HUB_DOCUMENT_JWS_TYPES, type HubDocumentType, type HubDocumentTypes } from './documents.js';
import { OcxNetworkError, OcxVerificationError } from './errors.js';
import type { Fetch } from './request.js';

/** A hub document whose signature was checked against the hub's published keys. */
export interface Verified<Document> {
  document: Document;
  /** The compact JWS as the hub signed it: keep it as proof of what was sent. */
  jws: string;
  /** The hub key that signed it. */
  kid: string | undefined;
  /** When the hub signed it (the JWS `iat` header), if it said. */
  signedAt: Date | undefined;
}

export interface HubKeysOptions {
  /** Default: `<baseUrl>/.well-known/jwks.json`. */
  jwksUrl: URL;
  fetch: Fetch;
  /** Fetch the keys again after this long (default 10 minutes). */
  cacheMaxAgeMs?: number;
  /** An unknown `kid` triggers a fetch at most this often (default 30 s). */
  cooldownMs?: number;
}

/** Who the document is for: a referral's or a MatchNotice's `recipient`, a TakedownRequest's `platform`. */
function addressee(document: Record<string, unknown>): unknown {
  return document.type === 'ocx.takedown-request' ? document.platform : document.recipient;
}

/**
 * The hub's signing keys, from its JWKS (jose's remote key set: cached, fetched again when a
 * document names a `kid` the cache lacks, with a cooldown). A key carried by the document
 * itself (`jwk`, `jku`, `x5c` headers) is never used: the key is chosen from the JWKS by `kid`.
 */
export class HubKeys {
  private readonly keySet;

  constructor(options: HubKeysOptions) {
    this.keySet = createRemoteJWKSet(options.jwksUrl, {
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      cooldownDuration: options.cooldownMs ?? 30_000,
      [customFetch]: (url, init) => options.fetch(new Request(url, { headers: init.headers, method: init.method, redirect: init.redirect, signal: init.signal })),
    });
  }

  /**
   * Verifies a compact JWS signed by the hub and returns its document, typed, only if the
   * signature, the `typ`, the document's `type` and (when given) its recipient are right.
   */
  async verify<Type extends HubDocumentType>(jws: string, expectedType: Type, recipient?: string): Promise<Verified<HubDocumentTypes[Type]>> {
    if (typeof jws !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws.trim())) {
      throw new OcxVerificationError('MALFORMED', 'not a compact JWS (three base64url parts)');
    }
    let header: JWSHeaderParameters;
    let payload: Uint8Array;
    try {
      ({ protectedHeader: header, payload } = await compactVerify(jws.trim(), this.keySet, { algorithms: ['ES256'] }));
    } catch (error) {
      throw verificationError(error);
    }
    if (header.typ !== HUB_DOCUMENT_JWS_TYPES[expectedType]) {
      throw new OcxVerificationError('WRONG_DOCUMENT_TYPE', `expected a JWS of typ ${HUB_DOCUMENT_JWS_TYPES[expectedType]}, got ${String(header.typ)}`);
    }
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    } catch (error) {
      throw new OcxVerificationError('MALFORMED', 'the signed payload is not UTF-8 JSON', { cause: error });
    }
    if (!document || typeof document !== 'object' || Array.isArray(document)) throw new OcxVerificationError('MALFORMED', 'the signed payload is not a JSON object');
    const members = document as Record<string, unknown>;
    if (members.type !== expectedType) throw new OcxVerificationError('WRONG_DOCUMENT_TYPE', `expected a ${expectedType} document, got ${String(members.type)}`);
    if (typeof members.ocxVersion !== 'string' || !/^1\.\d+$/.test(members.ocxVersion)) {
      throw new OcxVerificationError('MALFORMED', `the document is not OCX v1 (ocxVersion ${String(members.ocxVersion)})`);
    }
    if (recipient !== undefined && addressee(members) !== recipient) {
      throw new OcxVerificationError('WRONG_RECIPIENT', `the document is addressed to ${String(addressee(members))}, not to ${recipient}`);
    }
    return {
      document: document as HubDocumentTypes[Type],
      jws: jws.trim(),
      kid: header.kid,
      signedAt: typeof header.iat === 'number' ? new Date(header.iat * 1000) : undefined,
    };
  }
}

function verificationError(error: unknown): Error {
  if (error instanceof errors.JWSSignatureVerificationFailed) return new OcxVerificationError('SIGNATURE_INVALID', 'the signature does not match the document', { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey) return new OcxVerificationError('UNKNOWN_KEY', 'no key of the hub has this kid (the JWKS was fetched again)', { cause: error });
  if (error instanceof errors.JOSEAlgNotAllowed) return new OcxVerificationError('ALGORITHM_REFUSED', 'only ES256 signatures are accepted', { cause: error });
  if (error instanceof errors.JWKSInvalid || error instanceof errors.JWKSTimeout) return new OcxNetworkError(`the hub's JWKS could not be read: ${(error as Error).message}`, { cause: error });
  if (error instanceof errors.JOSEError) return new OcxVerificationError('MALFORMED', (error as Error).message, { cause: error });
  if (error instanceof OcxNetworkError) return error;
  return new OcxNetworkError(`the hub's JWKS could not be fetched: ${(error as Error).message}`, { cause: error });
}

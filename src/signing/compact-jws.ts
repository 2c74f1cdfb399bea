import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { SigningError } from './signing.errors.js';

/** The protected header of an OCX JWS (RFC 7515): ES256, the key id, the document type and the signing time. */
export interface OcxJwsHeader {
  alg: 'ES256';
  kid: string;
  typ: string;
  /** Signing time, seconds since the epoch (RFC 7519 §5.3 lets a JWS header carry it). */
  iat: number;
}

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Buffer;
  signingInput: string;
  signature: Buffer;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
/** Only ES256 is accepted: `none` and the HMAC family are refused by name (RFC 8725 §3.1). */
const ALLOWED_ALGORITHMS = new Set(['ES256']);

/**
 * Signs with node:crypto directly (ECDSA P-256, signature as r||s per RFC 7518
 * §3.4). node-jose manages the keys; this is the hot path.
 */
export function signCompact(header: OcxJwsHeader, payload: Buffer, privateKey: KeyObject): string {
  const signingInput = `${base64url(Buffer.from(JSON.stringify(header)))}.${base64url(payload)}`;
  const signature = cryptoSign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${base64url(signature)}`;
}

/** Splits and decodes a compact JWS; refuses anything else, and any algorithm but ES256. */
export function parseCompact(jws: string): ParsedJws {
  const trimmed = jws.trim();
  if (trimmed.length > 2_000_000 || !COMPACT_JWS.test(trimmed)) {
    throw new SigningError('JWS_MALFORMED', 'Expected a JWS in compact serialisation: three base64url parts separated by dots.');
  }
  const [encodedHeader, encodedPayload, encodedSignature] = trimmed.split('.') as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    throw new SigningError('JWS_MALFORMED', 'The JWS protected header is not JSON.');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SigningError('JWS_MALFORMED', 'The JWS protected header is not a JSON object.');
  }
  const alg = (header as Record<string, unknown>).alg;
  if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.has(alg)) {
    throw new SigningError('SIGNATURE_ALG_NOT_ALLOWED', `The JWS algorithm ${JSON.stringify(alg ?? null)} is not allowed; OCX v1 documents are signed with ES256.`, { alg: alg ?? null, allowed: [...ALLOWED_ALGORITHMS] });
  }
  if ('crit' in (header as Record<string, unknown>)) {
    throw new SigningError('JWS_MALFORMED', 'The JWS names critical header parameters this hub does not understand (crit).');
  }
  if (encodedPayload === '') throw new SigningError('JWS_MALFORMED', 'The JWS has a detached or empty payload; OCX documents travel inside the JWS.');
  return {
    header: header as Record<string, unknown>,
    payload: Buffer.from(encodedPayload, 'base64url'),
    signingInput: `${encodedHeader}.${encodedPayload}`,
    signature: Buffer.from(encodedSignature, 'base64url'),
  };
}

/** True when the r||s signature verifies under the public key. */
export function verifySignature(parsed: ParsedJws, publicKey: KeyObject): boolean {
  if (parsed.signature.length !== 64) return false;
  return cryptoVerify('sha256', Buffer.from(parsed.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, parsed.signature);
}

export function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

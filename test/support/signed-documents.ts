import { CompactSign, importJWK, type JWK } from 'jose';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findSchemasDir } from '../../src/standard/schema-registry.js';

/** A valid example of the standard, as a starting point for a test's own document. */
export function exampleDocument(file: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(findSchemasDir(), 'examples', 'valid', `${file}.json`), 'utf8'));
}

/** A StatusEvent from `partnerId`, with a fresh id and the current time. */
export function aStatusEvent(partnerId: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return { ...exampleDocument('status-event.acknowledged'), id: randomUUID(), partnerId, issuedAt: new Date().toISOString(), ...overrides };
}

/**
 * Signs like an independent partner implementation would: with the `jose`
 * library, not the hub's code. Header members can be overridden to build bad ones.
 */
export async function signAsPartner(
  privateJwk: JWK,
  document: unknown,
  header: { kid: string; typ?: string; iat?: number; alg?: string },
): Promise<string> {
  const key = await importJWK(privateJwk, 'ES256');
  return new CompactSign(Buffer.from(JSON.stringify(document)))
    .setProtectedHeader({ alg: 'ES256', typ: header.typ ?? 'ocx-status-event+jws', kid: header.kid, iat: header.iat ?? Math.floor(Date.now() / 1000) })
    .sign(key);
}

/** An unsigned (alg none) or HMAC-signed token with the same header and payload shape, to prove they are refused. */
/**
 * A JWS with exactly this protected header, validly signed (ES256) with the key: to build documents whose header
 * lacks a member or carries one a JOSE library would refuse to write.
 */
export function signWithHeader(privateJwk: JWK, header: Record<string, unknown>, document: unknown): string {
  const input = forgeJws(header, document).slice(0, -1);
  const key = createPrivateKey({ key: privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  return input + '.' + sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

export function forgeJws(header: Record<string, unknown>, document: unknown, signature = ''): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(document)}.${signature}`;
}

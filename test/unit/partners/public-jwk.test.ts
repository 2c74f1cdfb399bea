import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { checkPublicSigningJwk, jwkThumbprint } from '../../../src/partners/public-jwk.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
const privateJwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;

describe('checkPublicSigningJwk', () => {
  it('accepts an EC P-256 public key and names it by its thumbprint', () => {
    const check = checkPublicSigningJwk(publicJwk);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, kid: check.thumbprint, use: 'sig', alg: 'ES256' });
  });

  it('keeps a kid the partner chose', () => {
    const check = checkPublicSigningJwk({ ...publicJwk, kid: 'ocpb-2026-11', alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(check.ok && check.jwk.kid).toBe('ocpb-2026-11');
  });

  it('drops members it does not know (x5c, ext, …) from what it stores', () => {
    const check = checkPublicSigningJwk({ ...publicJwk, ext: true, note: 'hello' });
    expect(check.ok && Object.keys(check.jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it.each([
    ['null', null, 'JWK object'],
    ['an array', [publicJwk], 'JWK object'],
    ['a private EC key', privateJwk, 'private key material (d)'],
    ['an RSA private key member', { ...publicJwk, p: 'abc' }, 'private key material (p)'],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0' }, 'private key material (k)'],
    ['an RSA key', { kty: 'RSA', n: 'abc', e: 'AQAB' }, 'kty must be "EC"'],
    ['a P-384 key', { ...publicJwk, crv: 'P-384' }, 'crv must be "P-256"'],
    ['secp256k1', { ...publicJwk, crv: 'secp256k1' }, 'crv must be "P-256"'],
    ['a missing y', { kty: 'EC', crv: 'P-256', x: publicJwk.x }, 'y must be'],
    ['a short x', { ...publicJwk, x: 'AAAA' }, 'x must be'],
    ['padding in x', { ...publicJwk, x: `${String(publicJwk.x).slice(0, 42)}=` }, 'x must be'],
    ['a point off the curve', { ...publicJwk, y: publicJwk.x }, 'not a point on the P-256 curve'],
    ['alg HS256', { ...publicJwk, alg: 'HS256' }, 'alg must be "ES256"'],
    ['alg none', { ...publicJwk, alg: 'none' }, 'alg must be "ES256"'],
    ['use enc', { ...publicJwk, use: 'enc' }, 'use must be "sig"'],
    ['key_ops sign', { ...publicJwk, key_ops: ['sign'] }, 'key_ops'],
    ['a kid with spaces', { ...publicJwk, kid: 'my key' }, 'kid must be'],
    ['a number kid', { ...publicJwk, kid: 7 }, 'kid must be'],
  ])('refuses %s', (_, candidate, reason) => {
    const check = checkPublicSigningJwk(candidate);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });
});

describe('jwkThumbprint (RFC 7638)', () => {
  it('matches the thumbprint computed by the jose library', async () => {
    const { calculateJwkThumbprint } = await import('jose');
    expect(jwkThumbprint(publicJwk as { crv: string; kty: string; x: string; y: string })).toBe(await calculateJwkThumbprint(publicJwk as never, 'sha256'));
  });
});

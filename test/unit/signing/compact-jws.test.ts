import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseCompact, signCompact, verifySignature } from '../../../src/signing/compact-jws.js';
import { openPrivateKey, sealPrivateKey } from '../../../src/signing/key-encryption.js';
import { SigningError } from '../../../src/signing/signing.errors.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const header = { alg: 'ES256' as const, kid: 'k1', typ: 'ocx-referral+jws', iat: 1_795_000_000 };
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof SigningError ? error.code : `not a SigningError: ${String(error)}`;
  }
}

describe('compact JWS', () => {
  it('round-trips: what signCompact signs, parseCompact reads and verifySignature accepts', () => {
    const jws = signCompact(header, Buffer.from('{"ข้อความ":"ไทย"}'), privateKey);
    const parsed = parseCompact(jws);
    expect(parsed.header).toEqual(header);
    expect(JSON.parse(parsed.payload.toString())).toEqual({ ข้อความ: 'ไทย' });
    expect(parsed.signature).toHaveLength(64);
    expect(verifySignature(parsed, publicKey)).toBe(true);
  });

  it('does not verify under another key, or with a changed payload', () => {
    const jws = signCompact(header, Buffer.from('{"a":1}'), privateKey);
    expect(verifySignature(parseCompact(jws), generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toBe(false);
    const [h, , s] = jws.split('.');
    expect(verifySignature(parseCompact(`${h}.${encode({ a: 2 })}.${s}`), publicKey)).toBe(false);
  });

  it('rejects a DER-encoded or truncated signature rather than throwing', () => {
    const jws = signCompact(header, Buffer.from('{}'), privateKey);
    const [h, p] = jws.split('.');
    expect(verifySignature(parseCompact(`${h}.${p}.${randomBytes(70).toString('base64url')}`), publicKey)).toBe(false);
    expect(verifySignature(parseCompact(`${h}.${p}.`), publicKey)).toBe(false);
  });

  it.each([
    ['two parts', 'a.b', 'JWS_MALFORMED'],
    ['JSON serialisation', '{"payload":"x"}', 'JWS_MALFORMED'],
    ['padding characters', `${encode(header)}=.${encode({})}.abc`, 'JWS_MALFORMED'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}.${encode({})}.abc`, 'JWS_MALFORMED'],
    ['a header that is an array', `${encode(['ES256'])}.${encode({})}.abc`, 'JWS_MALFORMED'],
    ['alg none', `${encode({ alg: 'none' })}.${encode({})}.`, 'SIGNATURE_ALG_NOT_ALLOWED'],
    ['alg HS256', `${encode({ alg: 'HS256' })}.${encode({})}.abc`, 'SIGNATURE_ALG_NOT_ALLOWED'],
    ['alg RS256', `${encode({ alg: 'RS256' })}.${encode({})}.abc`, 'SIGNATURE_ALG_NOT_ALLOWED'],
    ['alg es256 in lower case', `${encode({ alg: 'es256' })}.${encode({})}.abc`, 'SIGNATURE_ALG_NOT_ALLOWED'],
    ['no alg', `${encode({ kid: 'k1' })}.${encode({})}.abc`, 'SIGNATURE_ALG_NOT_ALLOWED'],
    ['a crit header', `${encode({ ...header, crit: ['b64'], b64: false })}.${encode({})}.abc`, 'JWS_MALFORMED'],
    ['a detached payload', `${encode(header)}..abc`, 'JWS_MALFORMED'],
  ])('refuses %s', (_, jws, code) => {
    expect(codeOf(() => parseCompact(jws))).toBe(code);
  });
});

describe('sealed private keys', () => {
  const masterKey = randomBytes(32);
  const privateJwk = privateKey.export({ format: 'jwk' });

  it('opens what it sealed', () => {
    expect(openPrivateKey(masterKey, 'k1', sealPrivateKey(masterKey, 'k1', privateJwk))).toEqual(privateJwk);
  });

  it('never shows the private scalar in the sealed form', () => {
    expect(sealPrivateKey(masterKey, 'k1', privateJwk)).not.toContain(privateJwk.d!);
  });

  it('refuses another master key, another kid, and a changed ciphertext', () => {
    const sealed = sealPrivateKey(masterKey, 'k1', privateJwk);
    expect(() => openPrivateKey(randomBytes(32), 'k1', sealed)).toThrow(/wrong SIGNING_MASTER_KEY/);
    expect(() => openPrivateKey(masterKey, 'k2', sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').reverse().toString('base64url');
    expect(() => openPrivateKey(masterKey, 'k1', parts.join('.'))).toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createPublicKey, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { SigningService } from '../../src/signing/signing.service.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { exampleDocument } from '../support/signed-documents.js';

const PUBLIC_MEMBERS = ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'];

describe('hub signing keys and JWKS', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let signing: SigningService;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    signing = hub.app.get(SigningService);
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function jwks(): Promise<JSONWebKeySet> {
    const response = await hub.request('GET', '/.well-known/jwks.json');
    expect(response.status).toBe(200);
    return response.body as JSONWebKeySet;
  }

  function aReferral(): Record<string, unknown> {
    return { ...exampleDocument('referral.shopping-not-received'), id: randomUUID(), issuedAt: new Date().toISOString() };
  }

  it('publishes public members only, with the RFC 7638 thumbprint as kid, without a token', async () => {
    const { keys } = await jwks();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(PUBLIC_MEMBERS);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key.kid).toBe(await calculateJwkThumbprint(key, 'sha256'));
    }
  });

  it('keeps private keys sealed at rest: no private member in the database in the clear', async () => {
    const rows = await db.query('SELECT kid, public_jwk, sealed_private_key FROM hub_signing_key');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(Object.keys(row.public_jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
      expect(row.sealed_private_key).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(row.sealed_private_key).not.toContain('"d"');
    }
  });

  it('signs documents that the jose library verifies with the published JWKS', async () => {
    const referral = aReferral();
    const jws = signing.sign('referral', referral);
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(await jwks()), { algorithms: ['ES256'] });
    expect(JSON.parse(Buffer.from(payload).toString('utf8'))).toEqual(referral);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'ocx-referral+jws' });
    expect(typeof protectedHeader.iat).toBe('number');
  });

  it('signs documents that openssl verifies with the published key', async () => {
    const jws = signing.sign('match-notice', exampleDocument('match-notice.police-case-linked'));
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid as string;
    const jwk = (await jwks()).keys.find((key) => key.kid === kid)!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ocx-test-openssl-'));
    try {
      writeFileSync(path.join(dir, 'hub.pem'), createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }));
      writeFileSync(path.join(dir, 'signing-input'), `${header}.${payload}`);
      writeFileSync(path.join(dir, 'signature.der'), p1363ToDer(Buffer.from(signature, 'base64url')));
      const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', 'hub.pem', '-signature', 'signature.der', 'signing-input'], { cwd: dir }).toString();
      expect(out.trim()).toBe('Verified OK');
      writeFileSync(path.join(dir, 'signing-input'), `${header}.${payload}x`);
      expect(() => execFileSync('openssl', ['dgst', '-sha256', '-verify', 'hub.pem', '-signature', 'signature.der', 'signing-input'], { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rotates: the new key signs, the old one stays published and keeps verifying', async () => {
    const before = signing.sign('referral', aReferral());
    const oldKid = JSON.parse(Buffer.from(before.split('.')[0]!, 'base64url').toString()).kid as string;
    const admin = await hub.token('admin');
    const rotated = await hub.request('POST', '/v1/signing/keys/rotate', { token: admin });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ status: 'active' });
    expect(rotated.body.kid).not.toBe(oldKid);

    const after = signing.sign('referral', aReferral());
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(rotated.body.kid);
    const published = await jwks();
    expect(published.keys[0]!.kid).toBe(rotated.body.kid);
    expect(published.keys.map((key) => key.kid)).toContain(oldKid);
    await compactVerify(before, createLocalJWKSet(published));
    await compactVerify(after, createLocalJWKSet(published));

    const list = await hub.request('GET', '/v1/signing/keys', { token: await hub.token('auditor') });
    const old = list.body.keys.find((key: { kid: string }) => key.kid === oldKid);
    expect(old).toMatchObject({ status: 'retired' });
    expect(new Date(old.verifyUntil).getTime()).toBeGreaterThan(Date.now() + 80 * 86400_000);
    expect((await db.query("SELECT count(*) AS n FROM hub_signing_key WHERE status = 'active'"))[0].n).toBe('1');
  });

  it('lets only admins rotate (403 for staff, 401 without a token)', async () => {
    expect((await hub.request('POST', '/v1/signing/keys/rotate', { token: await hub.token('staff') })).status).toBe(403);
    expect((await hub.request('POST', '/v1/signing/keys/rotate')).status).toBe(401);
  });

  it('serves the schemas of the standard', async () => {
    const list = await hub.request('GET', '/v1/schemas');
    expect(list.status).toBe(200);
    expect(list.body.schemas.map((schema: { name: string }) => schema.name)).toEqual(
      expect.arrayContaining(['referral', 'status-event', 'takedown-request', 'takedown-response', 'case-share', 'match-notice', 'defs']),
    );
    const one = await hub.request('GET', '/v1/schemas/status-event');
    expect(one.headers.get('content-type')).toContain('application/schema+json');
    expect(JSON.parse(one.text).$id).toBe('https://ocx.etda.or.th/schemas/v1/status-event.schema.json');
    expect((await hub.request('GET', '/v1/schemas/complaint')).status).toBe(404);
  });
});

/** ECDSA signatures: JWS carries r||s (RFC 7518 §3.4), openssl wants DER. */
function p1363ToDer(signature: Buffer): Buffer {
  const integer = (bytes: Buffer): Buffer => {
    let trimmed = bytes;
    while (trimmed.length > 1 && trimmed[0] === 0 && trimmed[1]! < 0x80) trimmed = trimmed.subarray(1);
    if (trimmed[0]! >= 0x80) trimmed = Buffer.concat([Buffer.from([0]), trimmed]);
    return Buffer.concat([Buffer.from([0x02, trimmed.length]), trimmed]);
  };
  const body = Buffer.concat([integer(signature.subarray(0, 32)), integer(signature.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { aPartner, anEcKeyPair } from '../support/partner-builder.js';

describe('partner registry', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let admin: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    admin = await hub.token('admin');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function createPartner(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await hub.request('POST', '/v1/partners', { token: admin, json: aPartner(overrides) });
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('the seeded agencies', () => {
    it('lists the agencies of the 1212 partner list, loaded by migration', async () => {
      const response = await hub.request('GET', '/v1/partners', { token: await hub.token('staff') });
      expect(response.status).toBe(200);
      const ids = response.body.partners.map((partner: { id: string }) => partner.id);
      expect(ids).toEqual(expect.arrayContaining(['ocpb', 'fda', 'ccib', 'tcsd', 'bot', 'dbd', 'tisi', 'nbtc', 'thaicert', 'shopee', 'lazada']));
      const ocpb = response.body.partners.find((partner: { id: string }) => partner.id === 'ocpb');
      expect(ocpb).toMatchObject({ nameTh: 'สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.)', kind: 'government', deliveryMode: 'pull' });
      expect(ocpb.categories).toContain('shopping');
    });
  });

  describe('create, read, update', () => {
    it('creates a partner and reads it back', async () => {
      const created = await createPartner({ deliveryMode: 'push', endpointUrl: 'https://cases.example.go.th/ocx', categories: ['shopping', 'platform_service'] });
      expect(created).toMatchObject({ deliveryMode: 'push', endpointUrl: 'https://cases.example.go.th/ocx', active: true, version: 1 });
      const read = await hub.request('GET', `/v1/partners/${created.id}`, { token: admin });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created);
    });

    it('updates only the fields sent and bumps the version', async () => {
      const created = await createPartner();
      const response = await hub.request('PATCH', `/v1/partners/${created.id}`, {
        token: admin,
        json: { nameEn: 'Renamed Office', serviceLevel: { acknowledgeWithinHours: 12, resolveWithinDays: 20 } },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ nameEn: 'Renamed Office', nameTh: created.nameTh, serviceLevel: { acknowledgeWithinHours: 12, resolveWithinDays: 20 }, version: 2 });
    });

    it('refuses a second partner with the same id (409) and keeps the first', async () => {
      const created = await createPartner();
      const response = await hub.request('POST', '/v1/partners', { token: admin, json: aPartner({ id: created.id, nameEn: 'Impostor' }) });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('PARTNER_ALREADY_EXISTS');
      expect((await db.query('SELECT name_en FROM partner WHERE id = $1', [created.id]))[0].name_en).toBe(created.nameEn);
    });

    it('refuses push delivery without an endpoint, and a plain-http endpoint', async () => {
      const noEndpoint = aPartner({ deliveryMode: 'push' });
      const first = await hub.request('POST', '/v1/partners', { token: admin, json: noEndpoint });
      expect(first.status).toBe(422);
      expect(first.body.errors).toEqual([{ path: 'endpointUrl', message: 'endpointUrl is required when deliveryMode is push' }]);
      const plainHttp = aPartner({ deliveryMode: 'push', endpointUrl: 'http://cases.example.go.th/ocx' });
      const second = await hub.request('POST', '/v1/partners', { token: admin, json: plainHttp });
      expect(second.status).toBe(422);
      expect(await db.query('SELECT id FROM partner WHERE id = ANY($1)', [[noEndpoint.id, plainHttp.id]])).toEqual([]);
    });

    it('refuses an update that would leave a push partner without an endpoint, changing nothing', async () => {
      const created = await createPartner();
      const response = await hub.request('PATCH', `/v1/partners/${created.id}`, { token: admin, json: { deliveryMode: 'push', nameEn: 'Changed' } });
      expect(response.status).toBe(422);
      const [row] = await db.query('SELECT delivery_mode, name_en, version FROM partner WHERE id = $1', [created.id]);
      expect(row).toEqual({ delivery_mode: 'pull', name_en: created.nameEn, version: 1 });
    });

    it('answers 404 for an unknown partner', async () => {
      const response = await hub.request('GET', '/v1/partners/no-such-agency', { token: admin });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('PARTNER_NOT_FOUND');
    });

    it('keeps a partner across a hub restart', async () => {
      const created = await createPartner({ nameTh: 'กรมทดสอบการรีสตาร์ท' });
      await hub.stop();
      hub = await TestHub.start();
      const read = await hub.request('GET', `/v1/partners/${created.id}`, { token: admin });
      expect(read.status).toBe(200);
      expect(read.body.nameTh).toBe('กรมทดสอบการรีสตาร์ท');
    });
  });

  describe('public keys', () => {
    it('registers an EC P-256 public key with its RFC 7638 thumbprint as kid', async () => {
      const partner = await createPartner();
      const { publicJwk } = anEcKeyPair();
      const response = await hub.request('POST', `/v1/partners/${partner.id}/keys`, { token: admin, json: { jwk: publicJwk } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ partnerId: partner.id, status: 'active', jwk: { kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, alg: 'ES256', use: 'sig' } });
      expect(response.body.kid).toBe(response.body.thumbprint);
      expect(response.body.jwk.kid).toBe(response.body.kid);
    });

    it.each([
      ['a private key', (jwk: Record<string, unknown>, privateJwk: Record<string, unknown>) => privateJwk],
      ['an RSA key', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })],
      ['a P-384 key', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' })],
      ['a symmetric key', () => ({ kty: 'oct', k: 'c2VjcmV0' })],
      ['a point off the curve', (jwk: Record<string, unknown>) => ({ ...jwk, y: jwk.x })],
      ['a truncated coordinate', (jwk: Record<string, unknown>) => ({ ...jwk, x: 'abc' })],
      ['an HS256 alg', (jwk: Record<string, unknown>) => ({ ...jwk, alg: 'HS256' })],
      ['a string instead of an object', () => 'not a jwk'],
    ])('refuses %s with 422 and stores nothing', async (_, makeJwk) => {
      const partner = await createPartner();
      const { publicJwk, privateJwk } = anEcKeyPair();
      const jwk = makeJwk(publicJwk as Record<string, unknown>, privateJwk as Record<string, unknown>);
      const response = await hub.request('POST', `/v1/partners/${partner.id}/keys`, { token: admin, json: { jwk } });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await db.query('SELECT kid FROM partner_key WHERE partner_id = $1', [partner.id])).toEqual([]);
    });

    it('says why a private key is refused', async () => {
      const partner = await createPartner();
      const response = await hub.request('POST', `/v1/partners/${partner.id}/keys`, { token: admin, json: { jwk: anEcKeyPair().privateJwk } });
      expect(response.body.code).toBe('PARTNER_KEY_INVALID');
      expect(response.body.detail).toContain('private key material');
    });

    it('refuses the same key for a second partner (409)', async () => {
      const first = await createPartner();
      const second = await createPartner();
      const { publicJwk } = anEcKeyPair();
      expect((await hub.request('POST', `/v1/partners/${first.id}/keys`, { token: admin, json: { jwk: publicJwk } })).status).toBe(201);
      const again = await hub.request('POST', `/v1/partners/${second.id}/keys`, { token: admin, json: { jwk: publicJwk } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PARTNER_KEY_ALREADY_REGISTERED');
    });

    it('revokes a key, keeps it listed as revoked, and refuses to revoke it twice', async () => {
      const partner = await createPartner();
      const registered = await hub.request('POST', `/v1/partners/${partner.id}/keys`, { token: admin, json: { jwk: { ...anEcKeyPair().publicJwk, kid: 'ocx-2026-01' } } });
      expect(registered.body.kid).toBe('ocx-2026-01');
      const revoked = await hub.request('POST', `/v1/partners/${partner.id}/keys/ocx-2026-01/revoke`, { token: admin, json: { reason: 'rotated' } });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'rotated' });
      const list = await hub.request('GET', `/v1/partners/${partner.id}/keys`, { token: admin });
      expect(list.body.keys).toHaveLength(1);
      expect(list.body.keys[0].status).toBe('revoked');
      const twice = await hub.request('POST', `/v1/partners/${partner.id}/keys/ocx-2026-01/revoke`, { token: admin });
      expect(twice.status).toBe(409);
    });

    it('refuses a key for an unknown partner with 404', async () => {
      const response = await hub.request('POST', '/v1/partners/no-such-agency/keys', { token: admin, json: { jwk: anEcKeyPair().publicJwk } });
      expect(response.status).toBe(404);
    });
  });

  describe('who may do what', () => {
    it('refuses a request without a token (401)', async () => {
      const response = await hub.request('GET', '/v1/partners');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired token (401)', async () => {
      const expired = await hub.token('admin', 'somchai', { ttlSeconds: -60 });
      const response = await hub.request('GET', '/v1/partners', { token: expired });
      expect(response.status).toBe(401);
      expect(response.body.detail).toBe('The bearer token has expired.');
    });

    it('refuses a token for another audience (401)', async () => {
      const token = await hub.token('admin', 'somchai', { audience: 'some-other-service' });
      const response = await hub.request('GET', '/v1/partners', { token });
      expect(response.status).toBe(401);
      expect(response.body.detail).toContain('audience');
    });

    it('refuses a token signed by an unknown key (401)', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', kid: hub.devIssuerKid })
        .setIssuer('urn:ocx:dev-issuer')
        .setSubject('mallory')
        .setAudience(hub.settings.OIDC_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const response = await hub.request('POST', '/v1/partners', { token: forged, json: aPartner() });
      expect(response.status).toBe(401);
    });

    it("npm run token signs with the hub's key from the hub's DATA_DIR, and makes no key of its own elsewhere", async () => {
      const run = (dataDir: string) => spawnSync(process.execPath, ['dist/src/cli/token.js', '--role', 'admin', '--sub', 'cli-user'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
      const made = run(hub.settings.DATA_DIR);
      expect(made.status).toBe(0);
      expect((await hub.request('GET', '/v1/partners', { token: made.stdout.trim() })).status).toBe(200);
      const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'ocx-token-'));
      try {
        const refused = run(elsewhere);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain('No development issuer key');
        expect(existsSync(path.join(elsewhere, 'keys'))).toBe(false);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    });

    it("refuses a development token made with another folder's key, and says so (401)", async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const otherKid = `dev-${createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url').slice(0, 16)}`;
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', kid: otherKid })
        .setIssuer('urn:ocx:dev-issuer')
        .setSubject('somchai')
        .setAudience(hub.settings.OIDC_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const response = await hub.request('GET', '/v1/partners', { token });
      expect(response.status).toBe(401);
      expect(response.body.detail).toContain(hub.devIssuerKid);
      expect(response.body.detail).toContain('DATA_DIR');
    });

    it('refuses an unsigned token (alg none) with 401', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ iss: 'urn:ocx:dev-issuer', sub: 'mallory', aud: 'ocx-hub', roles: ['admin'], exp: 9_999_999_999 })).toString('base64url');
      const response = await hub.request('GET', '/v1/partners', { token: `${header}.${payload}.` });
      expect(response.status).toBe(401);
    });

    it('lets staff and auditors read the registry but not change it (403), and writes nothing', async () => {
      for (const role of ['staff', 'auditor'] as const) {
        const token = await hub.token(role);
        expect((await hub.request('GET', '/v1/partners', { token })).status).toBe(200);
        const partner = aPartner();
        const response = await hub.request('POST', '/v1/partners', { token, json: partner });
        expect(response.status).toBe(403);
        expect(response.body.detail).toContain('admin');
        expect(await db.query('SELECT id FROM partner WHERE id = $1', [partner.id])).toEqual([]);
      }
    });

    it('keeps partners out of the registry (403)', async () => {
      const token = await hub.token('partner', 'ocpb-system', { partnerId: 'ocpb' });
      expect((await hub.request('GET', '/v1/partners', { token })).status).toBe(403);
      expect((await hub.request('GET', '/v1/partners/ocpb/keys', { token: await hub.token('staff') })).status).toBe(403);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JWK } from 'jose';
import { createHmac } from 'node:crypto';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { aPartner, anEcKeyPair } from '../support/partner-builder.js';
import { aStatusEvent, forgeJws, signAsPartner, signWithHeader } from '../support/signed-documents.js';

interface RegisteredPartner {
  id: string;
  kid: string;
  privateJwk: JWK;
  token: string;
}

describe('partner-signed documents (conformance route)', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let admin: string;
  let partner: RegisteredPartner;
  let other: RegisteredPartner;

  async function registerPartner(): Promise<RegisteredPartner> {
    const body = aPartner();
    expect((await hub.request('POST', '/v1/partners', { token: admin, json: body })).status).toBe(201);
    const { publicJwk, privateJwk } = anEcKeyPair();
    const key = await hub.request('POST', `/v1/partners/${body.id}/keys`, { token: admin, json: { jwk: publicJwk } });
    expect(key.status).toBe(201);
    return { id: body.id as string, kid: key.body.kid, privateJwk: privateJwk as JWK, token: await hub.token('partner', `${body.id}-system`, { partnerId: body.id as string }) };
  }

  function post(jws: string, who: RegisteredPartner = partner, name = 'status-event') {
    return hub.request('POST', `/v1/conformance/${name}`, { token: who.token, body: jws, headers: { 'content-type': 'application/jose' } });
  }

  async function storedFor(who: RegisteredPartner): Promise<number> {
    return Number((await db.query('SELECT count(*) AS n FROM received_document WHERE sender = $1', [who.id]))[0].n);
  }

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    admin = await hub.token('admin');
    partner = await registerPartner();
    other = await registerPartner();
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('accepts a StatusEvent signed by an independent JOSE implementation and stores the exact JWS', async () => {
    const event = aStatusEvent(partner.id);
    const jws = await signAsPartner(partner.privateJwk, event, { kid: partner.kid });
    const response = await post(jws);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ documentId: event.id, documentType: 'ocx.status-event', kid: partner.kid, replay: false });
    const rows = await db.query('SELECT jws, purpose FROM received_document WHERE sender = $1 AND document_id = $2', [partner.id, event.id]);
    expect(rows).toEqual([{ jws, purpose: 'conformance' }]);
  });

  it('answers the same JWS again with 200 and the first receipt, storing nothing new', async () => {
    const jws = await signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid });
    const first = await post(jws);
    const before = await storedFor(partner);
    const again = await post(jws);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replay: true });
    expect(await storedFor(partner)).toBe(before);
  });

  it('refuses another document that reuses an id (409)', async () => {
    const event = aStatusEvent(partner.id);
    expect((await post(await signAsPartner(partner.privateJwk, event, { kid: partner.kid }))).status).toBe(201);
    const before = await storedFor(partner);
    const reused = await post(await signAsPartner(partner.privateJwk, { ...event, note: 'เปลี่ยนข้อความ' }, { kid: partner.kid }));
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('DOCUMENT_ID_REUSED');
    expect(await storedFor(partner)).toBe(before);
  });

  describe('refuses, with a distinct problem, and stores nothing', () => {
    const cases: Array<[string, () => Promise<string>, number, string]> = [
      ['a document signed with another key under its kid', async () => signAsPartner(anEcKeyPair().privateJwk as JWK, aStatusEvent(partner.id), { kid: partner.kid }), 422, 'SIGNATURE_INVALID'],
      ['a kid the partner never registered', async () => signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: 'no-such-key' }), 422, 'SIGNATURE_KEY_UNKNOWN'],
      ['alg none', async () => forgeJws({ alg: 'none', kid: partner.kid, typ: 'ocx-status-event+jws', iat: Math.floor(Date.now() / 1000) }, aStatusEvent(partner.id)), 400, 'SIGNATURE_ALG_NOT_ALLOWED'],
      [
        'HS256 keyed with the public key',
        async () => {
          const header = { alg: 'HS256', kid: partner.kid, typ: 'ocx-status-event+jws', iat: Math.floor(Date.now() / 1000) };
          const unsigned = forgeJws(header, aStatusEvent(partner.id));
          const mac = createHmac('sha256', JSON.stringify(partner.privateJwk.x)).update(unsigned.slice(0, -1)).digest('base64url');
          return unsigned + mac;
        },
        400,
        'SIGNATURE_ALG_NOT_ALLOWED',
      ],
      [
        'a tampered payload',
        async () => {
          const jws = await signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid });
          const [header, , signature] = jws.split('.');
          const tampered = Buffer.from(JSON.stringify(aStatusEvent(partner.id, { status: 'resolved', resolution: { summary: 'ปิดเรื่อง' } }))).toString('base64url');
          return `${header}.${tampered}.${signature}`;
        },
        422,
        'SIGNATURE_INVALID',
      ],
      ['an iat ten minutes old', async () => signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid, iat: Math.floor(Date.now() / 1000) - 600 }), 422, 'SIGNATURE_TIME_OUT_OF_WINDOW'],
      ['an iat ten minutes ahead', async () => signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid, iat: Math.floor(Date.now() / 1000) + 600 }), 422, 'SIGNATURE_TIME_OUT_OF_WINDOW'],
      ['the typ of another document', async () => signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid, typ: 'ocx-case-share+jws' }), 400, 'DOCUMENT_TYPE_MISMATCH'],
      ['a document that breaks the schema', async () => signAsPartner(partner.privateJwk, aStatusEvent(partner.id, { status: 'transferred' }), { kid: partner.kid }), 422, 'DOCUMENT_INVALID'],
      ['a document speaking for another partner', async () => signAsPartner(partner.privateJwk, aStatusEvent(other.id), { kid: partner.kid }), 403, 'DOCUMENT_SIGNER_MISMATCH'],
      ['something that is not a JWS', async () => 'this is not a JWS', 400, 'JWS_MALFORMED'],
      // §4.4 names the error of each missing header member.
      ['no kid', async () => signWithHeader(partner.privateJwk, { alg: 'ES256', typ: 'ocx-status-event+jws', iat: Math.floor(Date.now() / 1000) }, aStatusEvent(partner.id)), 400, 'JWS_MALFORMED'],
      ['no iat', async () => signWithHeader(partner.privateJwk, { alg: 'ES256', typ: 'ocx-status-event+jws', kid: partner.kid }, aStatusEvent(partner.id)), 422, 'SIGNATURE_TIME_OUT_OF_WINDOW'],
      ['an iat that is not whole seconds', async () => signWithHeader(partner.privateJwk, { alg: 'ES256', typ: 'ocx-status-event+jws', kid: partner.kid, iat: Math.floor(Date.now() / 1000) + 0.5 }, aStatusEvent(partner.id)), 422, 'SIGNATURE_TIME_OUT_OF_WINDOW'],
      ['no typ', async () => signWithHeader(partner.privateJwk, { alg: 'ES256', kid: partner.kid, iat: Math.floor(Date.now() / 1000) }, aStatusEvent(partner.id)), 400, 'DOCUMENT_TYPE_MISMATCH'],
      ['crit', async () => signWithHeader(partner.privateJwk, { alg: 'ES256', typ: 'ocx-status-event+jws', kid: partner.kid, iat: Math.floor(Date.now() / 1000), crit: ['exp'], exp: 1 }, aStatusEvent(partner.id)), 400, 'JWS_MALFORMED'],
    ];

    it.each(cases)('%s', async (_, makeJws, status, code) => {
      const before = await storedFor(partner);
      const response = await post(await makeJws());
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe(code);
      expect(response.body.type).toBe(`/problems/${code.toLowerCase().replace(/_/g, '-')}`);
      expect(await storedFor(partner)).toBe(before);
    });

    it('names each schema violation by its path', async () => {
      const response = await post(await signAsPartner(partner.privateJwk, aStatusEvent(partner.id, { status: 'transferred' }), { kid: partner.kid }));
      expect(response.body.errors).toContainEqual({ path: 'transferTo', message: 'transferTo is required' });
    });

    it("a document signed with another partner's key", async () => {
      const before = await storedFor(other);
      const response = await post(await signAsPartner(partner.privateJwk, aStatusEvent(other.id), { kid: partner.kid }), other);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('SIGNATURE_KEY_UNKNOWN');
      expect(await storedFor(other)).toBe(before);
    });

    it('a key revoked in the registry', async () => {
      const revoked = await registerPartner();
      await hub.request('POST', `/v1/partners/${revoked.id}/keys/${revoked.kid}/revoke`, { token: admin, json: { reason: 'leaked' } });
      const response = await post(await signAsPartner(revoked.privateJwk, aStatusEvent(revoked.id), { kid: revoked.kid }), revoked);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('SIGNATURE_KEY_REVOKED');
      expect(await storedFor(revoked)).toBe(0);
    });

    it('a hub-signed kind of document (400)', async () => {
      const response = await post(await signAsPartner(partner.privateJwk, { type: 'ocx.referral' }, { kid: partner.kid, typ: 'ocx-referral+jws' }), partner, 'referral');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('DOCUMENT_KIND_NOT_ACCEPTED');
    });

    it('a JSON body instead of a JWS (415)', async () => {
      const response = await hub.request('POST', '/v1/conformance/status-event', { token: partner.token, json: aStatusEvent(partner.id) });
      expect(response.status).toBe(415);
      expect(response.body.accepted).toEqual(['application/jose']);
    });

    it('a staff token (403)', async () => {
      const jws = await signAsPartner(partner.privateJwk, aStatusEvent(partner.id), { kid: partner.kid });
      const response = await hub.request('POST', '/v1/conformance/status-event', { token: await hub.token('staff'), body: jws, headers: { 'content-type': 'application/jose' } });
      expect(response.status).toBe(403);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { aPartner } from '../support/partner-builder.js';

describe('errors are problem documents', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let admin: string;

  beforeAll(async () => {
    hub = await TestHub.start({ env: { JSON_BODY_LIMIT: '4096' } });
    db = TestDatabase.open();
    admin = await hub.token('admin');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function partnerCount(): Promise<number> {
    return Number((await db.query('SELECT count(*) AS n FROM partner'))[0].n);
  }

  it('answers an unknown route with a 404 problem', async () => {
    const response = await hub.request('GET', '/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/route-not-found', title: 'No such route', status: 404, instance: '/v1/no-such-thing' });
    expect(response.body.correlationId).toBe(response.headers.get('x-request-id'));
  });

  it('keeps a sane caller-supplied request id as the correlation id', async () => {
    const response = await hub.request('GET', '/v1/no-such-thing', { headers: { 'x-request-id': 'caller-req-0001' } });
    expect(response.body.correlationId).toBe('caller-req-0001');
  });

  it('refuses malformed JSON with 400 and writes nothing', async () => {
    const before = await partnerCount();
    const response = await hub.request('POST', '/v1/partners', { token: admin, body: '{"id": "x",', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: '/problems/json-malformed', code: 'JSON_MALFORMED' });
    expect(response.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toBe(response.body.correlationId);
    expect(await partnerCount()).toBe(before);
  });

  it('takes an empty JSON body as no body: validation names what is missing', async () => {
    const response = await hub.request('POST', '/v1/partners', { token: admin, body: '', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(['id', 'nameTh']));
  });

  it('gives a request at most 5 minutes to arrive, as Node does (Fastify would not limit it)', () => {
    expect((hub.app.getHttpServer() as { requestTimeout: number }).requestTimeout).toBe(300_000);
  });

  it('routes a path with a trailing slash as the path without it', async () => {
    const response = await hub.request('GET', '/v1/partners/', { token: admin });
    expect(response.status).toBe(200);
  });

  it('refuses an unknown field with 422 naming it, and writes nothing', async () => {
    const partner = aPartner({ favouriteColour: 'blue' });
    const response = await hub.request('POST', '/v1/partners', { token: admin, json: partner });
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/validation-failed');
    expect(response.body.errors).toEqual([{ path: 'favouriteColour', message: 'favouriteColour is not a known field' }]);
    expect(await db.query('SELECT id FROM partner WHERE id = $1', [partner.id])).toEqual([]);
  });

  it('names nested fields by their path', async () => {
    const response = await hub.request('POST', '/v1/partners', {
      token: admin,
      json: aPartner({ serviceLevel: { acknowledgeWithinHours: 0, resolveWithinDays: 30 }, categories: ['shopping', 'astrology'] }),
    });
    expect(response.status).toBe(422);
    const paths = response.body.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual(['categories', 'serviceLevel.acknowledgeWithinHours']);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await hub.request('POST', '/v1/partners', { token: admin, body: 'id=ocpb', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', accepted: ['application/json'] });
  });

  it('refuses an oversized body with 413', async () => {
    const response = await hub.request('POST', '/v1/partners', { token: admin, json: aPartner({ nameEn: 'x'.repeat(10_000) }) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('publishes every problem type under /problems', async () => {
    const list = await hub.request('GET', '/problems');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([{ type: '/problems/partner-key-invalid', code: 'PARTNER_KEY_INVALID', status: 422, title: 'The public key is not acceptable' }]));
    const one = await hub.request('GET', '/problems/validation-failed');
    expect(one.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
  });
});

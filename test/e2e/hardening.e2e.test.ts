import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { JWK } from 'jose';
import { ensureHubRoles } from '../../src/database/database-roles.js';
import { readOrCreateSecret } from '../../src/database/embedded-postgres.js';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase, TestHub, type HubResponse } from '../support/hub-harness.js';
import { aPartner, anEcKeyPair } from '../support/partner-builder.js';
import { PartnerClient } from '../support/partner-client.js';

/**
 * Inputs that used to answer 500, or a 4xx that was not a problem document (issue 15):
 * each now gets a 4xx problem that says what is wrong, and writes nothing.
 */
describe('hostile and careless input', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    const databaseUrl = await TestDatabase.createIsolated('hardening');
    hub = await TestHub.start({ databaseUrl });
    db = TestDatabase.open(databaseUrl);
    admin = await hub.token('admin');
    staff = await hub.token('staff', 'somchai');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  /** Rows of the tables a refused request could have written. */
  async function rowCounts(): Promise<Record<string, number>> {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM partner)::int AS partner, (SELECT count(*) FROM complaint)::int AS complaint,
              (SELECT count(*) FROM routing_rule)::int AS routing_rule, (SELECT count(*) FROM audit_entry)::int AS audit_entry,
              (SELECT count(*) FROM referral)::int AS referral`,
    );
    return row;
  }

  function expectProblem(response: HubResponse, status: number, code?: string): void {
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    if (code) expect(response.body.code).toBe(code);
    expect(response.body.detail).toEqual(expect.any(String));
  }

  it('refuses a token request that repeats a form field', async () => {
    const form = 'grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=x&scope=a&scope=b';
    const response = await hub.request('POST', '/v1/oauth/token', { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(response, 400, 'OAUTH_INVALID_REQUEST');
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers 404 for an id of 36 characters that is not a UUID, on every route that takes one', async () => {
    const agency = await PartnerClient.register(hub);
    const token = await agency.token();
    const dashes = '-'.repeat(36);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    for (const [path, bearer] of [
      [`/v1/partner/referrals/${dashes}`, token],
      [`/v1/partner/match-notices/${dashes}`, token],
      [`/v1/partner/referrals/${dashes}/evidence/${dashes}`, token],
      [`/v1/complaints/${complaint.id}/evidence/${dashes}`, staff],
      [`/v1/deliveries/${dashes}`, staff],
      [`/v1/clusters/${dashes}`, staff],
    ] as const) {
      const response = await hub.request('GET', path, { token: bearer });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expectProblem(response, 404);
    }
    const event = await hub.request('POST', `/v1/partner/referrals/${dashes}/events`, { token, body: await agency.signEvent(dashes), headers: { 'content-type': 'application/jose' } });
    expect([404, 422]).toContain(event.status);
    expectProblem(event, event.status);
  });

  it('refuses NUL characters and unpaired surrogates in bodies, queries and paths, and writes nothing', async () => {
    const before = await rowCounts();
    const nul = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ narrative: 'โอนเงินแล้ว\u0000ไม่ได้ของ' }) });
    expectProblem(nul, 422, 'VALIDATION_FAILED');
    expect(nul.body.errors).toEqual([{ path: 'narrative', message: 'narrative contains a NUL character' }]);
    const surrogate = await hub.request('POST', '/v1/complaints', { token: staff, body: JSON.stringify(aComplaint()).replace('"narrative":"', '"narrative":"\\ud800'), headers: { 'content-type': 'application/json' } });
    expectProblem(surrogate, 422, 'VALIDATION_FAILED');
    expect(surrogate.body.errors[0].path).toBe('narrative');
    const memberName = await hub.request('POST', '/v1/partners', { token: admin, body: JSON.stringify(aPartner()).replace('{', '{"\\u0000":1,'), headers: { 'content-type': 'application/json' } });
    expectProblem(memberName, 422, 'VALIDATION_FAILED');
    expectProblem(await hub.request('GET', '/v1/complaints?q=%00', { token: staff }), 422, 'VALIDATION_FAILED');
    // A surrogate's UTF-8 bytes are not UTF-8: the query parser reads them as U+FFFD, which is harmless text.
    expect((await hub.request('GET', '/v1/complaints?q=%ED%A0%80', { token: staff })).status).toBe(200);
    expectProblem(await hub.request('GET', '/v1/partners/a%00b', { token: admin }), 404);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unpaired surrogate in an amendment reason', async () => {
    const agency = await PartnerClient.register(hub);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } });
    const before = await rowCounts();
    const response = await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, {
      token: staff, body: '{"reason":"\\ud800 typo","narrative":"แก้ไขแล้ว"}', headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 422, 'VALIDATION_FAILED');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses JSON nested thousands of levels deep with 400, not a stack overflow', async () => {
    const before = await rowCounts();
    const deep = `{"id":"deep-1","nameTh":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await hub.request('POST', '/v1/partners', { token: admin, body: deep, headers: { 'content-type': 'application/json' } });
    expect([400, 422]).toContain(response.status);
    expectProblem(response, response.status);
    const objects = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    expectProblem(await hub.request('PATCH', '/v1/partners/ocpb', { token: admin, body: objects, headers: { 'content-type': 'application/json' } }), 400, 'REQUEST_MALFORMED');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses null where a value or nothing is expected, in a PATCH and a new partner', async () => {
    const before = await rowCounts();
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const afterCreate = await rowCounts();
    for (const field of ['narrative', 'complainant', 'channel', 'subjects', 'transaction', 'category']) {
      const response = await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { [field]: null } });
      expect({ field, status: response.status }).toEqual({ field, status: 422 });
      expectProblem(response, 422, 'VALIDATION_FAILED');
    }
    for (const field of ['nameTh', 'nameEn', 'kind', 'categories', 'deliveryMode', 'serviceLevel', 'active']) {
      const created = await hub.request('POST', '/v1/partners', { token: admin, json: aPartner({ [field]: null }) });
      expect({ field, status: created.status }).toEqual({ field, status: 422 });
      const patched = await hub.request('PATCH', '/v1/partners/ocpb', { token: admin, json: { [field]: null } });
      expect({ field, status: patched.status }).toEqual({ field, status: 422 });
    }
    expect((await rowCounts()).complaint).toBe(before.complaint + 1);
    expect(await rowCounts()).toEqual(afterCreate);
  });

  it('answers 409 for a duplicate routing rule and 404 for a rule id beyond any integer', async () => {
    const agency = await PartnerClient.register(hub);
    const rule = { category: 'shopping', subCategory: 'not_received', partnerId: agency.id, priority: 5 };
    expect((await hub.request('POST', '/v1/routing-rules', { token: admin, json: rule })).status).toBe(201);
    const before = await rowCounts();
    expectProblem(await hub.request('POST', '/v1/routing-rules', { token: admin, json: rule }), 409, 'ROUTING_RULE_EXISTS');
    expectProblem(await hub.request('DELETE', '/v1/routing-rules/99999999999999999999', { token: admin }), 404);
    expectProblem(await hub.request('DELETE', '/v1/routing-rules/2147483648', { token: admin }), 404);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers the framework's own refusals as problem documents", async () => {
    const long = await hub.request('GET', `/v1/partners/${'a'.repeat(150)}`, { token: admin });
    expectProblem(long, 414, 'URI_TOO_LONG');
    expect(long.headers.get('x-request-id')).toBe(long.body.correlationId);
    expectProblem(await hub.request('GET', '/v1/partners/%C0%AF', { token: admin }), 400, 'REQUEST_MALFORMED');
    expectProblem(await hub.request('POST', '/v1/partners', { token: admin, body: '{"id": 1,}', headers: { 'content-type': 'application/json' } }), 400, 'JSON_MALFORMED');

    // Node's HTTP parser refuses before any route: headers too large (431), and a request line it cannot read (400).
    const raw = async (request: string): Promise<{ head: string; body: string }> =>
      new Promise((resolve, reject) => {
        const url = new URL(hub.baseUrl);
        const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('utf8')));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head, body] = received.split('\r\n\r\n');
          resolve({ head: head ?? '', body: body ?? '' });
        });
      });
    const big = await raw(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(big.head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(big.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    const garbage = await raw('NOT A REQUEST\r\n\r\n');
    expect(garbage.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, code: 'REQUEST_MALFORMED' });
  });
});

describe('signed input the hub must not take', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    staff = await hub.token('staff', 'somchai');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('refuses a status event that names a member twice, and stores nothing (RFC 7493)', async () => {
    const agency = await PartnerClient.register(hub);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const referralId = (await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id;
    const token = await agency.token();
    const event = { type: 'ocx.status-event', ocxVersion: '1.0', id: crypto.randomUUID(), issuedAt: new Date().toISOString(), referralId, partnerId: agency.id, status: 'rejected', reason: 'not ours' };
    // The same document with `status` written twice: JSON.parse keeps the last value, another parser the first.
    const doubled = JSON.stringify(event).replace('"status":"rejected"', '"status":"rejected","note":"x","status":"acknowledged"');
    const jws = await agency.signRaw(doubled);
    const response = await agency.postEvent(token, referralId, jws);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'DOCUMENT_MEMBER_REPEATED', pointer: '/status' });
    const [referral] = await db.query('SELECT status FROM referral WHERE id = $1', [referralId]);
    expect(referral.status).toBe('dispatched');
    expect(await db.query('SELECT 1 FROM received_document WHERE sender = $1', [agency.id])).toEqual([]);
  });

  it('refuses bearer tokens without exp, with a crit header, issued in the future, with a repeated claim, or followed by junk', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = hub.craftToken({}, { exp: now + 300, iat: now });
    expect((await hub.request('GET', '/v1/complaints', { token: good })).status).toBe(200);
    const refused: Array<[string, string]> = [
      ['no exp', hub.craftToken({}, { iat: now })],
      ['crit', hub.craftToken({ crit: ['exp'] }, { exp: now + 300 })],
      ['future iat', hub.craftToken({}, { exp: now + 3600, iat: now + 1800 })],
      ['repeated claim', hub.craftToken({}, JSON.stringify({ iss: 'urn:ocx:dev-issuer', aud: 'ocx-hub', sub: 'a', roles: ['auditor'], exp: now + 300 }).replace('"roles":["auditor"]', '"roles":["auditor"],"roles":["staff"]'))],
    ];
    for (const [why, token] of refused) {
      const response = await hub.request('GET', '/v1/complaints', { token });
      expect({ why, status: response.status, code: response.body.code }).toEqual({ why, status: 401, code: 'UNAUTHENTICATED' });
    }
    const junk = await hub.request('GET', '/v1/complaints', { headers: { authorization: `Bearer ${good} junk` } });
    expect(junk.status).toBe(401);
  });

  it('refuses a client assertion issued in the future at the token endpoint', async () => {
    const agency = await PartnerClient.register(hub);
    const response = await agency.requestToken(await agency.assertion({ issuedAt: Math.floor(Date.now() / 1000) + 600, expiresIn: 200 }));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'OAUTH_INVALID_CLIENT', error: 'invalid_client' });
  });
});

describe('the size of what partners store', () => {
  let hub: TestHub;
  let db: TestDatabase;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('refuses a validly signed status event over 32 KiB with 413 and stores nothing', async () => {
    const staff = await hub.token('staff', 'somchai');
    const agency = await PartnerClient.register(hub);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const referralId = (await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id;
    const token = await agency.token();
    const jws = await agency.signEvent(referralId, { status: 'acknowledged', note: 'ก'.repeat(12_000) });
    expect(Buffer.byteLength(jws)).toBeGreaterThan(32 * 1024);
    const response = await agency.postEvent(token, referralId, jws);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxBytes: 32 * 1024 });
    expect(await db.query('SELECT 1 FROM received_document WHERE sender = $1', [agency.id])).toEqual([]);
    expect((await db.query('SELECT status FROM referral WHERE id = $1', [referralId]))[0].status).toBe('dispatched');
  });
});

describe('the token endpoint under abuse', () => {
  it('writes no audit entry per unverified refusal, names no partner it could not verify, and limits each network and each partner', async () => {
    const databaseUrl = await TestDatabase.createIsolated('token-abuse');
    const hub = await TestHub.start({ databaseUrl, env: { TOKEN_RATE_PER_MINUTE: '30' } });
    const db = TestDatabase.open(databaseUrl);
    try {
      const victim = await PartnerClient.register(hub);
      const auditRows = async (): Promise<Array<{ action: string; actor: string; partner_id: string | null; details: Record<string, unknown> }>> =>
        db.query(`SELECT action, actor, partner_id, details FROM audit_entry WHERE action LIKE 'token.%' ORDER BY seq`);
      // An attacker, without the victim's key, claims to be the victim and invented partners.
      const stranger = anEcKeyPairJwk();
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const assertion = await victim.assertion({ key: stranger, iss: i % 2 === 0 ? victim.id : `made-up-${i}` });
        statuses.push((await victim.requestToken(assertion)).status);
      }
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(await auditRows()).toEqual([]);
      // The 31st request from this network within the minute is refused before it is read.
      const limited = await victim.requestToken(await victim.assertion());
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // On shutdown (or each minute) the refusals become one entry, naming nobody.
      await hub.stop();
      const entries = await auditRows();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'token.refused_unverified', actor: 'ocx-hub', partner_id: null, details: { refused: 30, codes: 'OAUTH_INVALID_CLIENT:30' } });
    } finally {
      await hub.stop().catch(() => undefined);
      await db.close();
    }
  });

  it('names the partner in a refusal only when its own key signed the assertion', async () => {
    const databaseUrl = await TestDatabase.createIsolated('token-verified');
    const hub = await TestHub.start({ databaseUrl });
    const db = TestDatabase.open(databaseUrl);
    try {
      const agency = await PartnerClient.register(hub);
      const replayed = await agency.assertion();
      expect((await agency.requestToken(replayed)).status).toBe(200);
      expect((await agency.requestToken(replayed)).status).toBe(401);
      const entries = await db.query(`SELECT action, actor, partner_id, outcome FROM audit_entry WHERE action LIKE 'token.%' ORDER BY seq`);
      expect(entries).toEqual([
        { action: 'token.issued', actor: agency.id, partner_id: agency.id, outcome: 'ok' },
        { action: 'token.refused', actor: agency.id, partner_id: agency.id, outcome: 'refused' },
      ]);
    } finally {
      await hub.stop();
      await db.close();
    }
  });
});

function anEcKeyPairJwk(): import('jose').JWK {
  return anEcKeyPair().privateJwk as import('jose').JWK;
}

describe('a partner deactivated or a key revoked', () => {
  it('stops its tokens at once, on every route and in every hub process', async () => {
    const databaseUrl = await TestDatabase.createIsolated('partner-access');
    const [first, second] = [await TestHub.start({ databaseUrl }), await TestHub.start({ databaseUrl })];
    try {
      const admin = await first.token('admin');
      const staff = await first.token('staff', 'somchai');
      const agency = await PartnerClient.register(first);
      const complaint = (await first.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const referralId = (await first.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id;
      const token = await agency.token();
      // Both processes have served the token, so each has the partner's access in its cache.
      for (const hub of [first, second]) expect((await hub.request('GET', '/v1/partner/referrals', { token })).status).toBe(200);

      expect((await first.request('PATCH', `/v1/partners/${agency.id}`, { token: admin, json: { active: false } })).status).toBe(200);
      // The other process learns of it by a notification at commit: give it the moment the notification takes.
      const refusedBy = async (hub: TestHub, path: string, method = 'GET', body?: string): Promise<number> => {
        const deadline = Date.now() + 2_000;
        for (;;) {
          const status = (await hub.request(method, path, { token, ...(body ? { body, headers: { 'content-type': 'application/jose' } } : {}) })).status;
          if (status === 401 || Date.now() > deadline) return status;
        }
      };
      expect(await refusedBy(first, '/v1/partner/referrals')).toBe(401);
      expect(await refusedBy(second, '/v1/partner/referrals')).toBe(401);
      expect(await refusedBy(second, `/v1/partner/referrals/${referralId}`)).toBe(401);
      expect(await refusedBy(second, '/v1/partner/cases', 'POST', await agency.signRaw('{}', 'ocx-case-share+jws'))).toBe(401);

      // Active again, with a new token; then the key that obtained it is revoked.
      expect((await second.request('PATCH', `/v1/partners/${agency.id}`, { token: admin, json: { active: true } })).status).toBe(200);
      const fresh = await agency.token();
      expect((await first.request('GET', '/v1/partner/referrals', { token: fresh })).status).toBe(200);
      expect((await second.request('POST', `/v1/partners/${agency.id}/keys/${agency.kid}/revoke`, { token: admin, json: {} })).status).toBe(200);
      const deadline = Date.now() + 2_000;
      let status = 0;
      while (Date.now() < deadline && (status = (await first.request('GET', '/v1/partner/referrals', { token: fresh })).status) !== 401);
      expect(status).toBe(401);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});

describe('a key registered while the partner is known', () => {
  it('works at once in every hub process, though each had the partner\'s keys in its cache', async () => {
    const databaseUrl = await TestDatabase.createIsolated('partner-new-key');
    const [first, second] = [await TestHub.start({ databaseUrl }), await TestHub.start({ databaseUrl })];
    try {
      const admin = await first.token('admin');
      const agency = await PartnerClient.register(first);
      const token = await agency.token();
      for (const hub of [first, second]) expect((await hub.request('GET', '/v1/partner/referrals', { token })).status).toBe(200);

      // A second key (a rotation under way), registered through one process; a token of it used on the other.
      const { publicJwk, privateJwk } = anEcKeyPair();
      const registered = await first.request('POST', `/v1/partners/${agency.id}/keys`, { token: admin, json: { jwk: publicJwk } });
      expect(registered.status).toBe(201);
      const issued = await agency.requestToken(await agency.assertion({ key: privateJwk as JWK, kid: registered.body.kid as string }));
      expect(issued.status).toBe(200);
      const deadline = Date.now() + 2_000;
      let status = 0;
      while (Date.now() < deadline && (status = (await second.request('GET', '/v1/partner/referrals', { token: issued.body.access_token as string })).status) !== 200);
      expect(status).toBe(200);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});

describe("the hub's database role", () => {
  it('cannot change or remove audit entries, bypass their trigger, or alter the schema; the owner runs the migrations', async () => {
    const databaseUrl = await TestDatabase.createIsolated('roles');
    const hub = await TestHub.start({ databaseUrl });
    const dataDir = hub.settings.DATA_DIR;
    const { hubUrl } = await ensureHubRoles(databaseUrl, {
      owner: await readOrCreateSecret(path.join(dataDir, 'pg-owner-password')),
      hub: await readOrCreateSecret(path.join(dataDir, 'pg-hub-password')),
    });
    const asHub = new pg.Client({ connectionString: hubUrl });
    await asHub.connect();
    try {
      // The hub works as this role: a partner created writes an audit entry.
      await PartnerClient.register(hub);
      const [entry] = (await asHub.query('SELECT seq FROM audit_entry ORDER BY seq DESC LIMIT 1')).rows;
      expect(Number(entry.seq)).toBeGreaterThan(0);
      for (const statement of [
        `UPDATE audit_entry SET actor = 'someone else' WHERE seq = ${entry.seq}`,
        `DELETE FROM audit_entry WHERE seq = ${entry.seq}`,
        'TRUNCATE audit_entry',
        'ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only',
        'DROP TRIGGER audit_entry_append_only ON audit_entry',
        "SET session_replication_role = 'replica'",
        'ALTER TABLE complaint ADD COLUMN smuggled text',
        'DROP TABLE referral_event',
        'CREATE TABLE stash (x text)',
        `INSERT INTO migrations (timestamp, name) VALUES (1, 'Fake1')`,
      ]) {
        const refusal = await asHub.query(statement).then(() => 'accepted', (error: { code?: string }) => error.code);
        expect({ statement, refusal }).toEqual({ statement, refusal: expect.stringMatching(/^42501$/) });
      }
      const owners = (await asHub.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`)).rows.map((row: { tableowner: string }) => row.tableowner);
      expect(owners).toEqual(['ocx_owner']);
    } finally {
      await asHub.end();
      await hub.stop();
    }
  });
});

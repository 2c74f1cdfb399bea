import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TakedownsService } from '../../src/takedowns/takedowns.service.js';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { PartnerClient } from '../support/partner-client.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';

/** Both hubs move their clocks on request, and look for late requests often. */
const HUB_ENV = { CLOCK_CONTROL: 'true', TAKEDOWN_DEADLINE_POLL_MS: '50', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', DELIVERY_POLL_MS: '50' };

describe('takedowns: issued to platforms, answered per target, followed to the deadline', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let second: HubProcess;
  let staff: string;
  let shopee: PartnerClient;
  let lazada: PartnerClient;
  let lazadaEndpoint: PartnerEndpoint;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('takedowns');
    db = TestDatabase.open(databaseUrl);
    hub = await TestHub.start({ databaseUrl, env: HUB_ENV });
    second = await startHubProcess(databaseUrl, HUB_ENV);
    staff = await hub.token('staff', 'somchai');
    lazadaEndpoint = await PartnerEndpoint.start();
    // This database's own platforms stand in for the seeded Shopee and Lazada, which are set aside.
    const admin = await hub.token('admin');
    for (const seeded of ['shopee', 'lazada']) expect((await hub.request('PATCH', `/v1/partners/${seeded}`, { token: admin, json: { active: false } })).status).toBe(200);
    shopee = await PartnerClient.register(hub, { kind: 'platform', nameEn: 'Shopee Thailand', platformDomains: ['shopee.co.th', 'shp.ee'] });
    lazada = await PartnerClient.register(hub, { kind: 'platform', nameEn: 'Lazada Thailand', platformDomains: ['lazada.co.th'], deliveryMode: 'push', endpointUrl: lazadaEndpoint.url });
  });

  afterAll(async () => {
    await second?.stop();
    await hub?.stop();
    await lazadaEndpoint?.stop();
    await db?.close();
  });

  const healthProduct = (targets: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    legalBasis: { code: 'food_drug' },
    requestedAction: 'remove',
    targets,
    statementOfReasons: { ground: 'illegal_health_product', explanation: 'ผลิตภัณฑ์เสริมอาหารไม่มีเลขสารบบอาหาร อ้างว่ารักษาเบาหวานได้' },
    ...overrides,
  });

  async function complaint(): Promise<{ id: string; referenceCode: string }> {
    return (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subCategory: 'illegal_health_product' }) })).body;
  }

  function respond(platform: PartnerClient, takedownId: string, outcomes: unknown[], signer: PartnerClient = platform, extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
    return (async () => {
      const jws = await signer.signRaw(JSON.stringify({ type: 'ocx.takedown-response', ocxVersion: '1.1', id: randomUUID(), issuedAt: new Date().toISOString(), takedownId, platform: platform.id, outcomes, ...extra }), 'ocx-takedown-response+jws');
      return hub.request('POST', `/v1/partner/takedowns/${takedownId}/responses`, { token: await platform.token(), body: jws, headers: { 'content-type': 'application/jose' } });
    })();
  }

  it('turns three targets on two platforms into two signed requests, pulled by one platform and pushed to the other', async () => {
    const { id: complaintId, referenceCode } = await complaint();
    const issued = await hub.request('POST', `/v1/complaints/${complaintId}/takedowns`, {
      token: staff,
      json: healthProduct([
        { kind: 'listing', url: 'https://shopee.co.th/product/123456/7890123' },
        { kind: 'shop', url: 'https://shopee.co.th/shop/123456' },
        { kind: 'listing', url: 'https://www.lazada.co.th/products/i555-s777.html' , platform: lazada.id },
      ]),
    });
    expect(issued.status).toBe(201);
    const byPlatform = new Map(issued.body.takedowns.map((takedown: { platformId: string }) => [takedown.platformId, takedown]));
    expect([...byPlatform.keys()].sort()).toEqual([lazada.id, shopee.id].sort());
    const toShopee = byPlatform.get(shopee.id) as any;
    expect(toShopee).toMatchObject({ status: 'open', complaintId, legalBasis: { code: 'food_drug', version: 1 }, requestedAction: 'remove', overdue: false });
    expect(toShopee.targets.map((target: { targetId: string }) => target.targetId)).toEqual(['t1', 't2']);
    // The deadline comes from the basis: food_drug allows three days to remove.
    expect(new Date(toShopee.deadline).getTime() - new Date(toShopee.createdAt).getTime()).toBe(3 * 86_400_000);

    // Shopee pulls its feed and verifies the request with the hub's published keys, as any JOSE library would.
    const token = await shopee.token();
    const feed = await hub.request('GET', '/v1/partner/takedowns', { token });
    expect(feed.body.takedowns.map((takedown: { id: string }) => takedown.id)).toEqual([toShopee.id]);
    expect(feed.body.takedowns[0].complaintId).toBeUndefined();
    const jws = (await hub.request('GET', `/v1/partner/takedowns/${toShopee.id}`, { token, headers: { accept: 'application/jose' } })).text;
    const jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe('ocx-takedown-request+jws');
    const document = JSON.parse(new TextDecoder().decode(payload));
    expect(document).toMatchObject({ type: 'ocx.takedown-request', takedownId: toShopee.id, platform: shopee.id, referenceCode, territorialScope: ['TH'], legalBasis: { code: 'food_drug', version: 1 } });
    expect(document.statementOfReasons.ground).toBe('illegal_health_product');

    // Lazada takes pushes: its request arrives signed.
    await lazadaEndpoint.waitFor((endpoint) => endpoint.successes().some((push) => JSON.parse(Buffer.from(push.body.split('.')[1]!, 'base64url').toString()).type === 'ocx.takedown-request'));
    // A representation the route does not have: 406, not JSON by default.
    expect((await hub.request('GET', `/v1/partner/takedowns/${toShopee.id}`, { token, headers: { accept: 'text/html' } })).status).toBe(406);
    // Another platform's request is not there for Shopee.
    const toLazada = byPlatform.get(lazada.id) as any;
    expect((await hub.request('GET', `/v1/partner/takedowns/${toLazada.id}`, { token })).status).toBe(404);
    // The tracking page says a takedown is in progress, and names no target.
    const tracking = await hub.request('GET', `/v1/track/${referenceCode}`);
    expect(tracking.body.takedowns).toEqual({ inProgress: 2, completed: 0 });
    expect(tracking.text).not.toContain('shopee');
  });

  it('takes answers per target: partly, then fully; the same answer twice changes nothing; bad answers are refused', async () => {
    const issued = await hub.request('POST', '/v1/takedowns', {
      token: staff,
      json: healthProduct([{ kind: 'listing', url: 'https://shopee.co.th/product/1/2' }, { kind: 'shop', url: 'https://shopee.co.th/shop/424242' }]),
    });
    expect(issued.status).toBe(201);
    const takedown = issued.body.takedowns[0];

    const partly = await respond(shopee, takedown.id, [{ targetId: 't1', outcome: 'removed', actedAt: new Date().toISOString(), platformRef: 'SHP-TS-1' }]);
    expect(partly.status).toBe(201);
    expect(partly.body.status).toBe('partially_answered');

    expect((await respond(shopee, takedown.id, [{ targetId: 't2', outcome: 'refused' }])).status).toBe(422);
    expect((await respond(shopee, takedown.id, [{ targetId: 't9', outcome: 'removed', actedAt: new Date().toISOString() }])).body.code).toBe('TAKEDOWN_RESPONSE_INVALID');
    // Signed by another platform (with its key), or sent by another platform: refused, and nothing changes.
    expect((await respond(shopee, takedown.id, [{ targetId: 't2', outcome: 'removed', actedAt: new Date().toISOString() }], lazada)).status).toBeGreaterThanOrEqual(400);
    expect((await respond(lazada, takedown.id, [{ targetId: 't2', outcome: 'removed', actedAt: new Date().toISOString() }])).status).toBe(404);

    const jws = await shopee.signRaw(JSON.stringify({ type: 'ocx.takedown-response', ocxVersion: '1.1', id: randomUUID(), issuedAt: new Date().toISOString(), takedownId: takedown.id, platform: shopee.id, outcomes: [{ targetId: 't2', outcome: 'refused', reasonCode: 'not_illegal', reason: 'สินค้ามีเลข อย. ถูกต้อง' }] }), 'ocx-takedown-response+jws');
    const post = async (): Promise<{ status: number; body: any }> => hub.request('POST', `/v1/partner/takedowns/${takedown.id}/responses`, { token: await shopee.token(), body: jws, headers: { 'content-type': 'application/jose' } });
    const fully = await post();
    expect(fully.status).toBe(201);
    expect(fully.body.status).toBe('completed');
    expect(fully.body.targets).toEqual([
      expect.objectContaining({ targetId: 't1', outcome: 'removed', platformCaseRef: 'SHP-TS-1' }),
      expect.objectContaining({ targetId: 't2', outcome: 'refused', reasonCode: 'not_illegal' }),
    ]);
    const receiptsBefore = await db.query('SELECT count(*)::int AS n FROM received_document');
    const again = await post();
    expect(again.status).toBe(200);
    expect(await db.query('SELECT count(*)::int AS n FROM received_document')).toEqual(receiptsBefore);

    // An answer issued earlier than the one on record does not overwrite it.
    const stale = await respond(shopee, takedown.id, [{ targetId: 't1', outcome: 'pending' }], shopee, { issuedAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(stale.status).toBe(201);
    expect(stale.body.targets[0].outcome).toBe('removed');

    const audited = await db.query(`SELECT action FROM audit_entry WHERE subject_id = $1 ORDER BY seq`, [takedown.id]);
    expect(audited.map((row: { action: string }) => row.action)).toEqual(expect.arrayContaining(['takedown.issued', 'takedown.answered', 'takedown.response_refused']));
  });

  it('refuses a home page, another platform’s content, a disclosure without a court order, and a court order without its number; nothing is written', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM takedown');
    const homePage = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'listing', url: 'https://shopee.co.th/product/1/2' }, { kind: 'listing', url: 'https://shopee.co.th/' }]) });
    expect(homePage.status).toBe(422);
    expect(homePage.body).toMatchObject({ code: 'TAKEDOWN_TARGET_INVALID' });
    expect(homePage.body.errors[0].path).toBe('targets[1].url');
    const otherPlatform = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/123999', platform: lazada.id }]) });
    expect(otherPlatform.status).toBe(422);
    expect(otherPlatform.body.detail).toContain('belongs to');
    const nobody = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'url', url: 'https://gold-asia78.top/invest' }]) });
    expect(nobody.status).toBe(422);
    const disclosure = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'account', platformRef: 'user:42', platform: shopee.id }], { requestedAction: 'disclose_identity' }) });
    expect(disclosure.status).toBe(422);
    expect(disclosure.body.errors[0]).toMatchObject({ path: 'requestedAction' });
    const courtOrder = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'account', platformRef: 'user:42', platform: shopee.id }], { requestedAction: 'disclose_identity', legalBasis: { code: 'cca_s20_court_order', court: 'ศาลอาญา', orderDate: '2026-11-20' } }) });
    expect(courtOrder.status).toBe(422);
    expect(courtOrder.body.errors.map((error: { path: string }) => error.path)).toEqual(['legalBasis.orderNumber']);
    expect(await db.query('SELECT count(*)::int AS n FROM takedown')).toEqual(before);
    // With the order complete, the disclosure goes out.
    const ordered = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'account', platformRef: 'user:42', platform: shopee.id }], { requestedAction: 'disclose_identity', legalBasis: { code: 'cca_s20_court_order', court: 'ศาลอาญา', orderNumber: 'คส.123/2569', orderDate: '2026-11-20' } }) });
    expect(ordered.status).toBe(201);
    expect(ordered.body.takedowns[0].legalBasis).toMatchObject({ code: 'cca_s20_court_order', version: 1, court: 'ศาลอาญา', orderNumber: 'คส.123/2569' });
  });

  it('flags content uploaded again, whatever its spelling, and follows it up in one call', async () => {
    const first = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subjects: [{ type: 'url', value: 'https://shopee.co.th/shop/5556667' }] }) })).body;
    const issued = await hub.request('POST', `/v1/complaints/${first.id}/takedowns`, { token: staff, json: healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/5556667' }]) });
    const takedown = issued.body.takedowns[0];
    expect((await respond(shopee, takedown.id, [{ targetId: 't1', outcome: 'removed', actedAt: new Date().toISOString() }])).status).toBe(201);

    const later = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subjects: [{ type: 'url', value: 'm.shopee.co.th/shop/5556667?utm_source=line' }] }) })).body;
    const flagged = await hub.request('GET', `/v1/complaints/${later.id}/reuploads`, { token: staff });
    expect(flagged.body.reuploads).toEqual([expect.objectContaining({ value: 'm.shopee.co.th/shop/5556667?utm_source=line', takedownId: takedown.id, targetId: 't1', outcome: 'removed', platformId: shopee.id, earlierComplaintId: first.id })]);
    expect((await hub.request('GET', `/v1/complaints/${first.id}/reuploads`, { token: staff })).body.reuploads).toEqual([]);

    // An agency shares a case of its own that names the shop again: flagged too, with the partner's case number.
    const agency = await PartnerClient.register(hub);
    const caseNumber = `CCIB-2569-${randomUUID().slice(0, 6)}`;
    const share = await agency.signRaw(JSON.stringify({
      type: 'ocx.case-share', ocxVersion: '1.0', id: randomUUID(), issuedAt: new Date().toISOString(), partnerId: agency.id, partnerCaseNumber: caseNumber,
      receivedAt: new Date().toISOString(), category: 'shopping', subjects: [{ type: 'url', value: 'https://shopee.co.th/shop/5556667/' }],
    }), 'ocx-case-share+jws');
    expect((await hub.request('POST', '/v1/partner/cases', { token: await agency.token(), body: share, headers: { 'content-type': 'application/jose' } })).status).toBe(201);
    const fromCases = await hub.request('GET', '/v1/takedowns/reuploads', { token: staff });
    expect(fromCases.body.reuploads).toEqual([expect.objectContaining({ takedownId: takedown.id, targetId: 't1', partnerId: agency.id, partnerCaseNumber: caseNumber, outcome: 'removed' })]);

    const followUp = await hub.request('POST', `/v1/takedowns/${takedown.id}/follow-up`, { token: staff, json: { complaintId: later.id } });
    expect(followUp.status).toBe(201);
    expect(followUp.body.takedowns).toEqual([expect.objectContaining({ platformId: shopee.id, complaintId: later.id, follows: takedown.id, status: 'open' })]);
    const jws = (await hub.request('GET', `/v1/partner/takedowns/${followUp.body.takedowns[0].id}`, { token: await shopee.token(), headers: { accept: 'application/jose' } })).text;
    expect(JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString())).toMatchObject({ follows: takedown.id, targets: [{ targetId: 't1', kind: 'shop', url: 'https://shopee.co.th/shop/5556667' }] });
  });

  it('issues once per Idempotency-Key', async () => {
    const key = randomUUID();
    const body = healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/777' }]);
    const first = await hub.request('POST', '/v1/takedowns', { token: staff, json: body, headers: { 'idempotency-key': key } });
    const retry = await hub.request('POST', '/v1/takedowns', { token: staff, json: body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await db.query(`SELECT count(*)::int AS n FROM takedown_target WHERE url = 'https://shopee.co.th/shop/777'`)).toEqual([{ n: 1 }]);
    const other = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/778' }]), headers: { 'idempotency-key': key } });
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('marks a request overdue exactly once when the clock passes its deadline, with two hub processes', async () => {
    const { id: complaintId } = await complaint();
    const issued = await hub.request('POST', `/v1/complaints/${complaintId}/takedowns`, { token: staff, json: healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/31337' }], { legalBasis: { code: 'dps_decree' } }) });
    const takedown = issued.body.takedowns[0];
    expect((await hub.request('GET', '/v1/takedowns?overdue=true', { token: staff })).body.takedowns.map((row: { id: string }) => row.id)).not.toContain(takedown.id);

    // Both processes' clocks move past the 24-hour deadline of the Digital Platform Services decree.
    const later = new Date(new Date(takedown.deadline).getTime() + 60_000).toISOString();
    const admin = await hub.token('admin');
    expect((await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: later } })).status).toBe(200);
    expect((await fetch(`${second.baseUrl}/v1/dev/clock`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ now: later }) })).status).toBe(200);
    const overdueEntries = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'takedown.overdue' AND subject_id = $1`, [takedown.id]))[0].n;
    for (let attempt = 0; attempt < 200 && (await overdueEntries()) === 0; attempt++) await new Promise((resolve) => setImmediate(resolve));
    // More rounds find nothing left to mark: still one entry.
    for (let round = 0; round < 3; round++) expect(await hub.app.get(TakedownsService).markOverdue()).toBe(0);
    expect(await overdueEntries()).toBe(1);
    expect((await db.query(`SELECT overdue_at FROM takedown WHERE id = $1`, [takedown.id]))[0].overdue_at).not.toBeNull();
    const work = await hub.request('GET', '/v1/takedowns?overdue=true', { token: staff });
    expect(work.body.takedowns.find((row: { id: string }) => row.id === takedown.id)).toMatchObject({ overdue: true, overdueAt: expect.any(String) });
    const timeline = await hub.request('GET', `/v1/complaints/${complaintId}/timeline`, { token: staff });
    expect(timeline.body.takedowns).toEqual([expect.objectContaining({ id: takedown.id, overdueAt: expect.any(String) })]);
    expect((await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: new Date().toISOString() } })).status).toBe(200);
    await fetch(`${second.baseUrl}/v1/dev/clock`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date().toISOString() }) });
  });

  it('keeps legal bases as versioned data that admins change, audited; staff cannot', async () => {
    const admin = await hub.token('admin');
    const list = await hub.request('GET', '/v1/legal-bases?code=dps_decree', { token: staff });
    expect(list.body.legalBases).toEqual([expect.objectContaining({ code: 'dps_decree', version: 1, defaultDeadlines: expect.objectContaining({ remove: 'PT24H' }) })]);
    const next = { code: 'dps_decree', titleTh: 'พ.ร.ฎ.แพลตฟอร์มดิจิทัล (แก้ไข)', titleEn: 'Digital Platform Services decree (amended)', effectiveFrom: '2026-01-01', requiredFields: [], allowedActions: ['remove', 'restrict', 'preserve'], defaultDeadlines: { remove: 'PT12H', restrict: 'PT12H', preserve: 'P3D' } };
    expect((await hub.request('POST', '/v1/legal-bases', { token: staff, json: next })).status).toBe(403);
    expect((await hub.request('POST', '/v1/legal-bases', { token: admin, json: { ...next, defaultDeadlines: { remove: '12 hours' } } })).status).toBe(422);
    const created = await hub.request('POST', '/v1/legal-bases', { token: admin, json: next });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'dps_decree', version: 2 });
    expect(await db.query(`SELECT details->>'version' AS version FROM audit_entry WHERE action = 'legal_basis.versioned'`)).toEqual([{ version: '2' }]);
    // A request issued now records the version in force and takes its deadline.
    const issued = await hub.request('POST', '/v1/takedowns', { token: staff, json: healthProduct([{ kind: 'shop', url: 'https://shopee.co.th/shop/2468' }], { legalBasis: { code: 'dps_decree' } }) });
    const takedown = issued.body.takedowns[0];
    expect(takedown.legalBasis).toMatchObject({ code: 'dps_decree', version: 2 });
    expect(new Date(takedown.deadline).getTime() - new Date(takedown.createdAt).getTime()).toBe(12 * 3_600_000);
  });

  it('gives per-platform figures: requests, targets, answered in time, time to action, outcomes and refusal reasons', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const figures = await hub.request('GET', `/v1/takedowns/statistics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token: staff });
    expect(figures.status).toBe(200);
    const forShopee = figures.body.platforms.find((row: { platformId: string }) => row.platformId === shopee.id);
    expect(forShopee.requests).toBeGreaterThanOrEqual(4);
    expect(forShopee.outcomes).toMatchObject({ removed: 2, refused: 1 });
    expect(forShopee.refusalReasons).toEqual({ not_illegal: 1 });
    expect(forShopee.answeredInTimeShare).toBeGreaterThan(0);
    expect(forShopee.medianHoursToAction).toEqual(expect.any(Number));
  });
});

describe('re-checking content a platform reported removed', () => {
  it('fetches it through the outbound guard and records that it still answers', async () => {
    // The "platform": a loopback server where one listing is still up and another is gone.
    const server = createServer((request, response) => response.writeHead(request.url === '/listing/still-up' ? 200 : 404).end('listing'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const databaseUrl = await TestDatabase.createIsolated('takedown-recheck');
    const db = TestDatabase.open(databaseUrl);
    const hub = await TestHub.start({
      databaseUrl,
      env: {
        TAKEDOWN_RECHECK: 'true', TAKEDOWN_RECHECK_SCHEDULE: '0s,1h', TAKEDOWN_RECHECK_POLL_MS: '50', TAKEDOWN_RECHECK_RESOLVE: 'shop.checkplatform.co.th=127.0.0.1',
        DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true',
      },
    });
    try {
      const staff = await hub.token('staff');
      const platform = await PartnerClient.register(hub, { kind: 'platform', platformDomains: ['checkplatform.co.th'] });
      const base = `http://shop.checkplatform.co.th:${port}`;
      const issued = await hub.request('POST', '/v1/takedowns', {
        token: staff,
        json: { legalBasis: { code: 'platform_terms' }, requestedAction: 'remove', statementOfReasons: { ground: 'investment_scam', explanation: 'หลอกลงทุน' }, targets: [{ kind: 'url', url: `${base}/listing/still-up` }, { kind: 'url', url: `${base}/listing/gone` }] },
      });
      expect(issued.status).toBe(201);
      const takedown = issued.body.takedowns[0];
      const jws = await platform.signRaw(JSON.stringify({
        type: 'ocx.takedown-response', ocxVersion: '1.1', id: randomUUID(), issuedAt: new Date().toISOString(), takedownId: takedown.id, platform: platform.id,
        outcomes: [{ targetId: 't1', outcome: 'removed', actedAt: new Date().toISOString() }, { targetId: 't2', outcome: 'removed', actedAt: new Date().toISOString() }],
      }), 'ocx-takedown-response+jws');
      expect((await hub.request('POST', `/v1/partner/takedowns/${takedown.id}/responses`, { token: await platform.token(), body: jws, headers: { 'content-type': 'application/jose' } })).status).toBe(201);

      const checked = async (): Promise<number> => (await db.query('SELECT count(*)::int AS n FROM takedown_check'))[0].n;
      const deadline = Date.now() + 15_000;
      while ((await checked()) < 2 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      const view = (await hub.request('GET', `/v1/takedowns/${takedown.id}`, { token: staff })).body;
      expect(view.targets.map((target: { targetId: string; recheck: unknown }) => [target.targetId, target.recheck])).toEqual([
        ['t1', expect.objectContaining({ checks: 1, lastStatus: 200, stillReachable: true })],
        ['t2', expect.objectContaining({ checks: 1, lastStatus: 404, stillReachable: false })],
      ]);
      expect(await db.query(`SELECT details->>'targetId' AS target FROM audit_entry WHERE action = 'takedown.still_reachable'`)).toEqual([{ target: 't1' }]);
      // The next check is an hour on (the schedule), not now.
      const [next] = await db.query(`SELECT extract(epoch FROM next_check_at - last_checked_at)::int AS seconds FROM takedown_target WHERE target_id = 't1'`);
      expect(next.seconds).toBe(3600);
    } finally {
      await hub.stop();
      await db.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

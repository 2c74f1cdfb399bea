import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuditRecord } from '../../src/audit/log-entry.js';
import { readDispatchContext, writeDispatch, type DispatchWrite } from '../../src/referrals/referrals.sql.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import { aComplaint } from '../support/complaint-builder.js';
import { evidenceFiles } from '../support/evidence-files.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { aPartner } from '../support/partner-builder.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';

const DELIVERY_ENV = {
  DELIVERY_ALLOW_HTTP: 'true',
  DELIVERY_ALLOW_PRIVATE: 'true',
  DELIVERY_RETRY_SCHEDULE: '0s,150ms,150ms,150ms',
  DELIVERY_POLL_MS: '50',
};

describe('dispatching referrals and delivering them', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let statements: DataSource;
  let staff: string;
  let admin: string;
  const endpoints: PartnerEndpoint[] = [];

  beforeAll(async () => {
    const databaseUrl = await TestDatabase.createIsolated('dispatch');
    hub = await TestHub.start({ databaseUrl, env: { ...DELIVERY_ENV, TRACK_RATE_PER_MINUTE: '1000' } });
    db = TestDatabase.open(databaseUrl);
    statements = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    staff = await hub.token('staff', 'somchai');
    admin = await hub.token('admin');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
    await statements.destroy();
    await Promise.all(endpoints.map((endpoint) => endpoint.stop()));
  });

  async function pushPartner(answers: number[] = []): Promise<{ id: string; endpoint: PartnerEndpoint }> {
    const endpoint = await PartnerEndpoint.start({ answers });
    endpoints.push(endpoint);
    const partner = aPartner({ deliveryMode: 'push', endpointUrl: endpoint.url, categories: ['shopping'] });
    expect((await hub.request('POST', '/v1/partners', { token: admin, json: partner })).status).toBe(201);
    return { id: partner.id as string, endpoint };
  }

  async function pullPartner(): Promise<string> {
    const partner = aPartner();
    expect((await hub.request('POST', '/v1/partners', { token: admin, json: partner })).status).toBe(201);
    return partner.id as string;
  }

  async function complaintWithEvidence(files: Buffer[] = []): Promise<{ id: string; referenceCode: string; hashes: string[] }> {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const hashes: string[] = [];
    for (const bytes of files) {
      const response = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=file.bin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      expect(response.status).toBe(201);
      hashes.push(createHash('sha256').update(bytes).digest('hex'));
    }
    return { id: complaint.id, referenceCode: complaint.referenceCode, hashes };
  }

  function dispatch(complaintId: string, partners: string[], key?: string, extra: Record<string, unknown> = {}) {
    return hub.request('POST', `/v1/complaints/${complaintId}/referrals`, { token: staff, json: { partners, ...extra }, headers: key ? { 'idempotency-key': key } : {} });
  }

  async function waitForStatus(referralId: string, status: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while ((await db.query('SELECT status FROM referral WHERE id = $1', [referralId]))[0]?.status !== status) {
      if (Date.now() > deadline) throw new Error(`referral ${referralId} never reached ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('suggests agencies from the routing rules and names the rule that matched', async () => {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subCategory: 'illegal_health_product' }) })).body;
    const response = await hub.request('GET', `/v1/complaints/${complaint.id}/routing`, { token: staff });
    expect(response.status).toBe(200);
    expect(response.body.suggestions.map((s: { partnerId: string }) => s.partnerId)).toEqual(['fda', 'ocpb']);
    expect(response.body.suggestions[0].rule).toMatchObject({ category: 'shopping', subCategory: 'illegal_health_product', partnerId: 'fda' });
    expect(response.body.suggestions[1].rule).toMatchObject({ category: 'shopping', subCategory: null, partnerId: 'ocpb' });
  });

  it('dispatches a complaint with 3 evidence files to a push agency (fails twice, then delivered once) and a pull agency', async () => {
    const push = await pushPartner([500, 503]);
    const pull = await pullPartner();
    const complaint = await complaintWithEvidence([evidenceFiles.jpeg(), evidenceFiles.pdf(), evidenceFiles.chatText()]);

    const response = await dispatch(complaint.id, [push.id, pull], randomUUID(), { note: 'ผู้เสียหายต้องการเงินคืน' });
    expect(response.status).toBe(201);
    expect(response.body.referrals).toHaveLength(2);
    const pushReferral = response.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === push.id);
    const pullReferral = response.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === pull);

    await push.endpoint.waitFor((endpoint) => endpoint.successes().length === 1);
    await waitForStatus(pushReferral.id, 'delivered');
    // Failed twice, delivered on the third try, all with one webhook-id; never delivered again.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(push.endpoint.received.map((push) => push.answeredWith)).toEqual([500, 503, 200]);
    expect(new Set(push.endpoint.received.map((push) => push.webhookId)).size).toBe(1);
    expect(push.endpoint.received[0]!.contentType).toBe('application/jose');

    const [delivery] = await db.query('SELECT id, status, attempts FROM outbox_message WHERE referral_id = $1', [pushReferral.id]);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    const detail = await hub.request('GET', `/v1/deliveries/${delivery.id}`, { token: staff });
    expect(detail.body.attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 503, 200]);

    // The JWS verifies with the published JWKS, and its manifest lists every file by SHA-256.
    const jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(push.endpoint.received[2]!.body, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe('ocx-referral+jws');
    const referral = JSON.parse(Buffer.from(payload).toString('utf8'));
    expect(referral).toMatchObject({ type: 'ocx.referral', referralId: pushReferral.id, recipient: push.id, referenceCode: complaint.referenceCode, version: 1 });
    expect(referral.evidence.map((item: { sha256: string }) => item.sha256).sort()).toEqual([...complaint.hashes].sort());
    expect(referral.disclosure.fieldsShared.filter((field: string) => field.startsWith('complainant.'))).toEqual(['complainant.name', 'complainant.phone']);
    expect(referral.disclosure).toMatchObject({ dataClasses: ['identity', 'contact', 'financial', 'narrative', 'subject', 'evidence'], fieldsShared: expect.arrayContaining(['complaint.narrative', 'evidence']) });
    const stored = await hub.request('GET', `/v1/referrals/${pushReferral.id}/document`, { token: staff });
    expect(stored.text).toBe(push.endpoint.received[2]!.body);

    // The pull agency's referral waits in its feed: no push, still dispatched.
    expect(await db.query('SELECT id FROM outbox_message WHERE referral_id = $1', [pullReferral.id])).toEqual([]);
    expect((await db.query('SELECT status FROM referral WHERE id = $1', [pullReferral.id]))[0].status).toBe('dispatched');

    const timeline = await hub.request('GET', `/v1/complaints/${complaint.id}/timeline`, { token: staff });
    const pushHistory = timeline.body.referrals.find((entry: { id: string }) => entry.id === pushReferral.id).history;
    expect(pushHistory.map((event: { status: string }) => event.status)).toEqual(['dispatched', 'delivered']);
    expect(pushHistory[0]).toMatchObject({ source: 'staff', actor: 'somchai', note: 'ผู้เสียหายต้องการเงินคืน' });

    // Dispatched: the complaint is frozen, its evidence stays.
    expect((await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { narrative: 'แก้' } })).status).toBe(409);
    const evidenceId = (await hub.request('GET', `/v1/complaints/${complaint.id}/evidence`, { token: staff })).body.evidence[0].id;
    expect((await hub.request('DELETE', `/v1/complaints/${complaint.id}/evidence/${evidenceId}`, { token: staff })).status).toBe(409);
  });

  it('sends a change to a dispatched complaint as a new signed version of each open referral', async () => {
    const push = await pushPartner();
    const complaint = await complaintWithEvidence([evidenceFiles.jpeg()]);
    const referral = (await dispatch(complaint.id, [push.id])).body.referrals[0];
    await push.endpoint.waitFor((endpoint) => endpoint.successes().length === 1);
    const first = JSON.parse(Buffer.from(push.endpoint.received[0]!.body.split('.')[1]!, 'base64url').toString());

    const policeReport = evidenceFiles.pdf();
    await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=police_report&filename=${encodeURIComponent('ใบแจ้งความ.pdf')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' },
      body: policeReport,
    });
    const amended = await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, {
      token: staff,
      json: { reason: 'ผู้ร้องส่งใบแจ้งความเพิ่มเติม', narrative: 'โอนเงินแล้วไม่ได้รับสินค้า แจ้งความแล้วที่ สภ.เมือง' },
    });
    expect(amended.status).toBe(201);
    expect(amended.body.referrals).toEqual([expect.objectContaining({ id: referral.id, version: 2 })]);

    await push.endpoint.waitFor((endpoint) => endpoint.successes().length === 2);
    const second = JSON.parse(Buffer.from(push.endpoint.received[1]!.body.split('.')[1]!, 'base64url').toString());
    expect(second).toMatchObject({ referralId: referral.id, version: 2, previousDocumentId: first.id, complaint: { narrative: 'โอนเงินแล้วไม่ได้รับสินค้า แจ้งความแล้วที่ สภ.เมือง' } });
    expect(second.evidence.map((item: { sha256: string }) => item.sha256)).toContain(createHash('sha256').update(policeReport).digest('hex'));
    const history = (await hub.request('GET', `/v1/complaints/${complaint.id}/timeline`, { token: staff })).body.referrals[0].history;
    expect(history.at(-1).note).toBe('amended (version 2): ผู้ร้องส่งใบแจ้งความเพิ่มเติม');

    const fresh = await complaintWithEvidence();
    expect((await hub.request('POST', `/v1/complaints/${fresh.id}/amendments`, { token: staff, json: { reason: 'x' } })).status).toBe(409);
    expect((await hub.request('PATCH', `/v1/complaints/${fresh.id}`, { token: staff, json: { subCategory: 'gambling' } })).status).toBe(422);
  });

  it('answers a retry with the same Idempotency-Key with the first result and dispatches nothing more', async () => {
    const partner = await pullPartner();
    const complaint = await complaintWithEvidence();
    const key = randomUUID();
    const first = await dispatch(complaint.id, [partner], key);
    const again = await dispatch(complaint.id, [partner], key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await db.query('SELECT id FROM referral WHERE complaint_id = $1', [complaint.id])).toHaveLength(1);
    const reused = await dispatch(complaint.id, [partner, 'ocpb'], key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('previews what each agency would receive, writing nothing: an agency the contact details, a platform no personal data', async () => {
    const agency = await pullPartner();
    const platform = aPartner({ kind: 'platform', platformDomains: [`preview-${randomUUID().slice(0, 8)}.co.th`] });
    expect((await hub.request('POST', '/v1/partners', { token: admin, json: platform })).status).toBe(201);
    const complaint = await complaintWithEvidence([evidenceFiles.jpeg()]);
    await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { complainant: { name: 'สมหญิง ใจงาม', phone: '081-234-5678', nationalId: '1-1017-00230-70-8' } } });
    const before = await db.query('SELECT (SELECT count(*) FROM referral)::int AS referrals, (SELECT count(*) FROM referral_document)::int AS documents');

    const preview = await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=${agency},${platform.id as string}`, { token: staff });
    expect(preview.status).toBe(200);
    const [toAgency, toPlatform] = preview.body.previews;
    expect(toAgency).toMatchObject({ partnerId: agency, fieldsShared: expect.arrayContaining(['complainant.name', 'complainant.phone']), withheld: expect.arrayContaining(['complainant.nationalId']), evidenceFiles: 1 });
    expect(toAgency.complainant).toMatchObject({ phone: '081-234-5678' });
    expect(toPlatform).toMatchObject({ partnerKind: 'platform', dataClasses: ['subject'], coveredDataClasses: ['subject'], evidenceFiles: 0 });
    expect(toPlatform.fieldsShared.filter((field: string) => !field.startsWith('complaint.subjects') && field !== 'complaint.transaction.seller')).toEqual([]);
    expect(JSON.stringify(toPlatform.complainant)).not.toContain('081');
    expect(await db.query('SELECT (SELECT count(*) FROM referral)::int AS referrals, (SELECT count(*) FROM referral_document)::int AS documents')).toEqual(before);

    expect((await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=nobody-here`, { token: staff })).status).toBe(404);
    expect((await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=Not%20An%20Id`, { token: staff })).status).toBe(422);
    expect((await hub.request('GET', `/v1/complaints/${randomUUID()}/referral-preview?partners=${agency}`, { token: staff })).status).toBe(404);
    expect((await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=${agency}`, { token: admin })).status).toBe(403);
  });

  it('refuses a second open referral to the same agency (409) and an unknown agency (422), writing nothing', async () => {
    const partner = await pullPartner();
    const complaint = await complaintWithEvidence();
    expect((await dispatch(complaint.id, [partner])).status).toBe(201);
    const twice = await dispatch(complaint.id, [partner]);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('REFERRAL_ALREADY_OPEN');
    const other = await complaintWithEvidence();
    const unknown = await dispatch(other.id, ['ocpb', 'no-such-agency']);
    expect(unknown.status).toBe(422);
    expect(await db.query('SELECT id FROM referral WHERE complaint_id = $1', [other.id])).toEqual([]);
    expect((await db.query('SELECT status FROM complaint WHERE id = $1', [other.id]))[0].status).toBe('new');
  });

  it('settles concurrent dispatches of one complaint: one referral per agency, the rest refused, one answer per Idempotency-Key', async () => {
    const [first, second, third, fourth] = [await pullPartner(), await pullPartner(), await pullPartner(), await pullPartner()];
    const complaint = await complaintWithEvidence([evidenceFiles.jpeg()]);
    const key = randomUUID();
    const [sameAgency, sameKey, apart] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => dispatch(complaint.id, [first]))),
      Promise.all(Array.from({ length: 4 }, () => dispatch(complaint.id, [second], key))),
      Promise.all([dispatch(complaint.id, [third]), dispatch(complaint.id, [fourth])]),
    ]);

    expect(sameAgency.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(sameAgency.filter((response) => response.status === 409).map((response) => response.body.code)).toEqual(Array(4).fill('REFERRAL_ALREADY_OPEN'));
    expect(sameKey.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    for (const response of sameKey) expect(response.body).toEqual(sameKey[0]!.body);
    expect(apart.map((response) => response.status)).toEqual([201, 201]);

    const referrals = await db.query('SELECT id, partner_id FROM referral WHERE complaint_id = $1', [complaint.id]);
    expect(referrals.map((referral) => referral.partner_id).sort()).toEqual([first, second, third, fourth].sort());
    const audited = await db.query(`SELECT subject_id FROM audit_entry WHERE action = 'referral.dispatched' AND subject_id = ANY($1)`, [referrals.map((referral) => referral.id)]);
    expect(audited).toHaveLength(4);
    expect(await db.query('SELECT document_id FROM referral_document WHERE referral_id = ANY($1)', [referrals.map((referral) => referral.id)])).toHaveLength(4);
  });

  it('gives up with 409 DISPATCH_CONFLICT, writing nothing, when the complaint changes under every try', async () => {
    const partner = await pullPartner();
    const narrative = 'ผู้ขายแก้ไขข้อมูลตลอดเวลา (changes under every dispatch)';
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ narrative }) })).body;
    // Stands in for a complaint edited between every read and write: its dispatch write finds nothing to update.
    await db.query(`CREATE FUNCTION keep_changing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER keep_changing BEFORE UPDATE ON complaint FOR EACH ROW WHEN (OLD.id = '${complaint.id}') EXECUTE FUNCTION keep_changing()`);
    try {
      const auditBefore = await db.query('SELECT count(*)::int AS entries FROM audit_entry');
      const refused = await dispatch(complaint.id, [partner], randomUUID());
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'DISPATCH_CONFLICT', detail: expect.stringContaining('nothing was dispatched') });
      expect(await db.query('SELECT id FROM referral WHERE complaint_id = $1', [complaint.id])).toEqual([]);
      expect(await db.query('SELECT count(*)::int AS entries FROM audit_entry')).toEqual(auditBefore);
      expect(await db.query('SELECT key FROM idempotency_record WHERE route = $1', [`dispatch:${complaint.id}`])).toEqual([]);
      expect(await db.query('SELECT status, version FROM complaint WHERE id = $1', [complaint.id])).toEqual([{ status: 'new', version: 1 }]);
    } finally {
      await db.query('DROP TRIGGER keep_changing ON complaint');
      await db.query('DROP FUNCTION keep_changing()');
    }
    expect((await dispatch(complaint.id, [partner])).status).toBe(201);
  });

  it('orders removing evidence with dispatching: the signed manifest lists exactly the files the complaint keeps', async () => {
    const partner = await pullPartner();
    for (let round = 0; round < 4; round++) {
      const complaint = await complaintWithEvidence([evidenceFiles.jpeg(), evidenceFiles.pdf()]);
      const listed = (await hub.request('GET', `/v1/complaints/${complaint.id}/evidence`, { token: staff })).body.evidence as Array<{ id: string }>;
      const removal = hub.request('DELETE', `/v1/complaints/${complaint.id}/evidence/${listed[round % 2]!.id}`, { token: staff });
      const dispatched = await dispatch(complaint.id, [partner]);
      expect(dispatched.status).toBe(201);
      expect([204, 409]).toContain((await removal).status);

      const kept = ((await hub.request('GET', `/v1/complaints/${complaint.id}/evidence`, { token: staff })).body.evidence as Array<{ sha256: string }>).map((item) => item.sha256);
      const jws = (await hub.request('GET', `/v1/referrals/${dispatched.body.referrals[0].id}/document`, { token: staff })).text;
      const manifest = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()).evidence.map((item: { sha256: string }) => item.sha256);
      expect(manifest.sort()).toEqual(kept.sort());
    }
  });

  it('writes a dispatch only onto the version of the complaint its documents were built from', async () => {
    const partner = await pullPartner();
    const complaint = await complaintWithEvidence();
    const aWrite = (version: number): DispatchWrite => {
      const now = new Date();
      const referralId = randomUUID();
      const documentId = randomUUID();
      const record: AuditRecord = { at: now.toISOString(), actor: 'somchai', actorRole: 'staff', action: 'referral.dispatched', subjectType: 'referral', subjectId: referralId, partnerId: partner, outcome: 'ok', details: {} };
      return {
        complaintId: complaint.id,
        expectedVersion: version,
        referrals: [{ id: referralId, complaintId: complaint.id, partnerId: partner, status: 'dispatched', version: 1, requestedAction: 'investigate', note: null, dueAt: now, createdBy: 'somchai', createdAt: now, complainantFields: null, dataClasses: null }],
        issued: { documents: [{ documentId, referralId, version: 1, sequence: 1, jws: 'header.payload.signature', jwsSha256: '0'.repeat(64), createdAt: now }], events: [{ referralId, status: 'dispatched', source: 'staff', actor: 'somchai', note: null, documentId, occurredAt: now }], pushes: [] },
        audit: { records: [JSON.stringify(record)] },
      };
    };
    const read = (await readDispatchContext(statements, complaint.id, [partner]))!;
    expect((await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { narrative: 'ผู้ขายปิดเพจหนีหลังโอนเงิน' } })).status).toBe(200);
    const auditBefore = await db.query('SELECT count(*)::int AS entries FROM audit_entry');

    expect(await writeDispatch(statements, aWrite(read.complaint.version))).toBe(false);
    expect(await db.query('SELECT id FROM referral WHERE complaint_id = $1', [complaint.id])).toEqual([]);
    expect(await db.query('SELECT count(*)::int AS entries FROM audit_entry')).toEqual(auditBefore);
    expect(await db.query('SELECT status, version FROM complaint WHERE id = $1', [complaint.id])).toEqual([{ status: 'new', version: read.complaint.version + 1 }]);

    const fresh = (await readDispatchContext(statements, complaint.id, [partner]))!;
    expect((await hub.app.get(ComplaintsService).openSnapshot(fresh.complaint)).narrative).toBe('ผู้ขายปิดเพจหนีหลังโอนเงิน');
    expect(await writeDispatch(statements, aWrite(fresh.complaint.version))).toBe(true);
    expect(await db.query('SELECT partner_id FROM referral WHERE complaint_id = $1', [complaint.id])).toEqual([{ partner_id: partner }]);
    expect(await db.query('SELECT status, version FROM complaint WHERE id = $1', [complaint.id])).toEqual([{ status: 'dispatched', version: fresh.complaint.version + 1 }]);
    expect((await readDispatchContext(statements, complaint.id, [partner]))!.open).toHaveLength(1);
  });

  it('keeps a push that never succeeds as a dead letter, which staff can redeliver', async () => {
    const push = await pushPartner([500, 500, 500, 500]);
    const complaint = await complaintWithEvidence();
    const referral = (await dispatch(complaint.id, [push.id])).body.referrals[0];
    const deadline = Date.now() + 20_000;
    let dead: Array<{ id: string; referralId: string }> = [];
    while (!dead.some((delivery) => delivery.referralId === referral.id)) {
      if (Date.now() > deadline) throw new Error('never dead');
      await new Promise((resolve) => setTimeout(resolve, 50));
      dead = (await hub.request('GET', '/v1/deliveries?status=dead', { token: staff })).body.deliveries;
    }
    const letter = dead.find((delivery) => delivery.referralId === referral.id)!;
    expect(push.endpoint.received).toHaveLength(4);
    expect((await db.query('SELECT status FROM referral WHERE id = $1', [referral.id]))[0].status).toBe('dispatched');

    const redelivered = await hub.request('POST', `/v1/deliveries/${letter.id}/redeliver`, { token: staff });
    expect(redelivered.status).toBe(200);
    await waitForStatus(referral.id, 'delivered');
    expect(push.endpoint.successes()).toHaveLength(1);
    expect((await hub.request('POST', `/v1/deliveries/${letter.id}/redeliver`, { token: staff })).status).toBe(409);
  });

  it('lets a complainant track the case by reference code: agencies and statuses, nothing personal', async () => {
    const partner = await pullPartner();
    const complaint = await complaintWithEvidence();
    await dispatch(complaint.id, [partner, 'ocpb']);
    const response = await hub.request('GET', `/v1/track/${complaint.referenceCode.toLowerCase()}`);
    expect(response.status).toBe(200);
    expect(response.body.referenceCode).toBe(complaint.referenceCode);
    expect(response.body.agencies.map((agency: { status: string }) => agency.status)).toEqual(['dispatched', 'dispatched']);
    expect(response.body.agencies.map((agency: { agencyEn: string }) => agency.agencyEn)).toContain('Office of the Consumer Protection Board (OCPB)');
    const text = JSON.stringify(response.body);
    for (const personal of ['สมหญิง', '081-234-5678', 'หม้อทอด', '123-4-56789-0']) expect(text).not.toContain(personal);
    const unknown = await hub.request('GET', '/v1/track/2222-2222-2');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No case has this reference code.');
  });
});

describe('public tracking is rate-limited', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const hub = await TestHub.start({ env: { TRACK_RATE_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await hub.request('GET', '/v1/track/2222-2222-2')).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const limited = await hub.request('GET', '/v1/track/2222-2222-2');
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address of the same /24 shares the budget (it used to start afresh).
      expect(await trackFrom(hub, '127.0.0.2')).toBe(429);
    } finally {
      await hub.stop();
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy, and counts the client it names by network', async () => {
    const hub = await TestHub.start({ env: { TRACK_RATE_PER_MINUTE: '2', TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const from = async (client: string): Promise<number> => (await hub.request('GET', '/v1/track/2222-2222-2', { headers: { 'x-forwarded-for': client } })).status;
      expect([await from('203.0.113.5'), await from('203.0.113.77'), await from('203.0.113.9')]).toEqual([404, 404, 429]);
      expect([await from('198.51.100.5'), await from('2001:db8:1:2::5'), await from('2001:db8:1:2:ffff::1')]).toEqual([404, 404, 404]);
      expect(await from('2001:db8:1:2::9')).toBe(429);
      // From an address that is not a trusted proxy, the header is not believed: 127.0.0.2 is the client.
      expect([await trackFrom(hub, '127.0.0.2', '198.51.100.200'), await trackFrom(hub, '127.0.0.2', '192.0.2.1')]).toEqual([404, 404]);
      expect(await trackFrom(hub, '127.0.0.2', '192.0.2.1')).toBe(429);
    } finally {
      await hub.stop();
    }
  });
});

/** A tracking request sent from another loopback address (Linux answers on all of 127.0.0.0/8). */
async function trackFrom(hub: TestHub, localAddress: string, forwardedFor?: string): Promise<number> {
  const url = new URL(`${hub.baseUrl}/v1/track/2222-2222-2`);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { localAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Correction, Retraction, Verified } from '@ocx/partner-sdk';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { randomUUID } from 'node:crypto';
import { aComplaint, randomDigits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';
import { signAsPartner } from '../support/signed-documents.js';

const HOUR = 3_600_000;

/** The payload of a compact JWS verified against the hub's keys. */
async function verifiedPayload(jws: string, jwks: JSONWebKeySet): Promise<{ typ: unknown; payload: any }> {
  const verified = await compactVerify(jws, createLocalJWKSet(jwks));
  return { typ: verified.protectedHeader.typ, payload: JSON.parse(new TextDecoder().decode(verified.payload)) };
}

describe('corrections and retractions reach every agency that received the complaint, are acknowledged, and are chased (§2.7)', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let staff: string;
  let admin: string;
  let jwks: JSONWebKeySet;
  let police: PartnerClient;
  let bank: PartnerClient;
  let foundation: PartnerClient;
  let pushed: PartnerClient;
  let endpoint: PartnerEndpoint;

  beforeAll(async () => {
    // Its own database: this hub runs the push worker and the chaser, which must not act on other files' rows.
    databaseUrl = await TestDatabase.createIsolated('corrections');
    hub = await TestHub.start({
      databaseUrl,
      env: { CLOCK_CONTROL: 'true', CORRECTIONS_CHASER: 'true', CORRECTIONS_POLL_MS: '50', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', DELIVERY_POLL_MS: '50' },
    });
    db = TestDatabase.open(databaseUrl);
    staff = await hub.token('staff', 'malee');
    admin = await hub.token('admin');
    jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
    police = await PartnerClient.register(hub);
    bank = await PartnerClient.register(hub, { kind: 'bank' });
    foundation = await PartnerClient.register(hub, { kind: 'civil_society' });
    endpoint = await PartnerEndpoint.start();
    pushed = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: endpoint.url });
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
    await endpoint.stop();
  });

  async function dispatched(partners: PartnerClient[], overrides: Record<string, unknown> = {}): Promise<{ id: string; referenceCode: string; referralOf: Record<string, string> }> {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint(overrides) })).body;
    const response = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: partners.map((partner) => partner.id) } });
    expect(response.status).toBe(201);
    return { id: complaint.id, referenceCode: complaint.referenceCode, referralOf: Object.fromEntries(response.body.referrals.map((referral: { partnerId: string; id: string }) => [referral.partnerId, referral.id])) };
  }

  const snapshot = async (complaintId: string) => db.query(
    `SELECT (SELECT version FROM complaint WHERE id = $1) AS complaint_version,
            (SELECT count(*)::int FROM referral_document d JOIN referral r ON r.id = d.referral_id WHERE r.complaint_id = $1) AS documents,
            (SELECT count(*)::int FROM correction c JOIN referral r ON r.id = c.referral_id WHERE r.complaint_id = $1) AS corrections,
            (SELECT count(*)::int FROM outbox_message o JOIN referral r ON r.id = o.referral_id WHERE r.complaint_id = $1) AS pushes`,
    [complaintId],
  );

  it('sends a Correction, after a new version, only to the agencies that received what changed; each acknowledges once', async () => {
    const complaint = await dispatched([police, bank]);
    const policeReferral = complaint.referralOf[police.id]!;
    const corrected = await hub.request('POST', `/v1/complaints/${complaint.id}/corrections`, {
      token: staff, json: { reason: 'wrong_details', note: 'ผู้ร้องแจ้งรายละเอียดสินค้าผิด', narrative: 'สั่งซื้อพัดลม ไม่ใช่หม้อทอด โอนเงินแล้วไม่ได้รับสินค้า' },
    });
    expect(corrected.status).toBe(201);
    // The bank receives no narrative: it has nothing to correct.
    expect(corrected.body.corrections).toEqual([expect.objectContaining({ type: 'ocx.correction', partnerId: police.id, referralId: policeReferral, reason: 'wrong_details', sequence: 3, overdue: false, createdBy: 'malee' })]);

    const stream = await police.sdk().referrals.documents(policeReferral);
    expect(stream.documents.map((document) => [document.document.type, (document.document as { sequence: number }).sequence])).toEqual([['ocx.referral', 1], ['ocx.referral', 2], ['ocx.correction', 3]]);
    const [first, second, correction] = stream.documents as [Verified<{ id: string }>, Verified<{ id: string; complaint: { narrative: string } }>, Verified<Correction>];
    expect(second.document.complaint.narrative).toContain('พัดลม');
    expect(correction.document).toMatchObject({ reason: 'wrong_details', corrects: [first.document.id], replacedBy: second.document.id, changed: ['complaint.narrative'], recipient: police.id, referenceCode: complaint.referenceCode });
    expect((await bank.sdk().referrals.documents(complaint.referralOf[bank.id]!)).lastSequence).toBe(1);

    // The feed lists it, verified, with its state; the agency answers through the SDK.
    const feed: Array<{ notice: Verified<Correction> | Verified<Retraction>; state: { acknowledgedAt: string | null } }> = [];
    for await (const entry of police.sdk().corrections.list()) feed.push(entry);
    expect(feed.map((entry) => entry.notice.document.id)).toEqual([correction.document.id]);
    const answered = await police.sdk().referrals.acknowledge(correction, { outcome: 'applied', note: 'ลบรายละเอียดเดิมแล้ว' });
    expect(answered).toMatchObject({ documentId: correction.document.id, acknowledgementOutcome: 'applied', overdue: false });
    expect(answered.acknowledgedAt).not.toBeNull();

    // The same signed answer again is a repeat; another answer, a stranger's or one about another referral is refused, and nothing is kept.
    const token = await police.token();
    const post = (partner: PartnerClient, referralId: string, jws: string, as = token) => hub.request('POST', `/v1/partner/referrals/${referralId}/acknowledgements`, { token: as, body: jws, headers: { 'content-type': 'application/jose' } });
    const sign = (partner: PartnerClient, overrides: Record<string, unknown> = {}) => signAsPartner(partner.privateJwk, {
      type: 'ocx.acknowledgement', ocxVersion: '1.1', id: randomUUID(), issuedAt: new Date().toISOString(), referralId: policeReferral, partnerId: partner.id,
      acknowledges: correction.document.id, outcome: 'applied', ...overrides,
    }, { kid: partner.kid, typ: 'ocx-acknowledgement+jws' });
    const receipts = async () => (await db.query(`SELECT count(*)::int AS n FROM received_document WHERE document_type = 'ocx.acknowledgement'`))[0].n as number;
    const before = await receipts();
    const again = await post(police, policeReferral, await sign(police));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CORRECTION_ALREADY_ACKNOWLEDGED' });
    expect((await post(bank, complaint.referralOf[bank.id]!, await sign(bank, { referralId: complaint.referralOf[bank.id] }), await bank.token())).body.code).toBe('CORRECTION_NOT_FOUND');
    expect((await post(bank, policeReferral, await sign(bank), await bank.token())).status).toBe(404);
    expect((await post(police, complaint.referralOf[bank.id]!, await sign(police))).body.code).toBe('ACKNOWLEDGEMENT_MISMATCH');
    const retainedWithoutBasis = await post(police, policeReferral, await sign(police, { outcome: 'retained' }));
    expect(retainedWithoutBasis.status).toBe(422);
    expect(retainedWithoutBasis.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(police, policeReferral, await sign(police, { acknowledges: randomUUID() }))).status).toBe(404);
    expect((await post(police, policeReferral, 'not.a.jws')).status).toBeGreaterThanOrEqual(400);
    expect(await receipts()).toBe(before);
    const refusals = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'acknowledgement.refused' AND outcome = 'refused'`);
    expect(refusals[0].n).toBeGreaterThanOrEqual(5);

    // Staff see it answered; the work list no longer holds it.
    const workList = await hub.request('GET', `/v1/corrections?unacknowledged=true&partner=${police.id}`, { token: staff });
    expect(workList.body.corrections).toEqual([]);
    const all = await hub.request('GET', `/v1/corrections?partner=${police.id}`, { token: staff });
    expect(all.body.corrections[0]).toMatchObject({ documentId: correction.document.id, acknowledgementOutcome: 'applied', chaseCount: 0 });
  });

  it('refuses a correction that changes nothing an agency received, one of a complaint never dispatched, and bad input, changing nothing', async () => {
    const complaint = await dispatched([bank]);
    const before = await snapshot(complaint.id);
    const nothing = await hub.request('POST', `/v1/complaints/${complaint.id}/corrections`, { token: staff, json: { reason: 'wrong_details', narrative: 'ข้อความใหม่ที่ธนาคารไม่ได้รับ' } });
    expect(nothing.status).toBe(422);
    expect(nothing.body.code).toBe('CORRECTION_CHANGES_NOTHING');
    for (const bad of [{ narrative: 'x' }, { reason: 'oops', narrative: 'ข้อความ' }, { reason: 'wrong_details', note: '', narrative: 'ข้อความ' }, { reason: 'wrong_details', subjects: 'none' }]) {
      expect((await hub.request('POST', `/v1/complaints/${complaint.id}/corrections`, { token: staff, json: bad })).status).toBe(422);
    }
    expect(await snapshot(complaint.id)).toEqual(before);
    const fresh = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    expect((await hub.request('POST', `/v1/complaints/${fresh.id}/corrections`, { token: staff, json: { reason: 'wrong_details', narrative: 'ข้อความ' } })).body.code).toBe('COMPLAINT_NOT_DISPATCHED');
    expect((await hub.request('POST', `/v1/complaints/${randomUUID()}/corrections`, { token: staff, json: { reason: 'wrong_details', narrative: 'ข้อความ' } })).status).toBe(404);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/corrections`, { token: admin, json: { reason: 'wrong_details', narrative: 'ข้อความ' } })).status).toBe(403);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { json: { reason: 'other' } })).status).toBe(401);
    expect(await snapshot(complaint.id)).toEqual(before);
  });

  it('sends a Retraction to every agency that received the complaint, open or closed, ends the open referrals and forgets its identifiers', async () => {
    const account = randomDigits(10);
    const complaint = await dispatched([police, foundation], { subjects: [{ type: 'bank_account', bank: '004', value: account }] });
    await foundation.sdk().referrals.updateStatus(complaint.referralOf[foundation.id]!, { status: 'rejected', reason: 'ไม่อยู่ในอำนาจ' });
    const lookup = async () => (await hub.request('POST', '/v1/matches/lookup', { token: staff, json: { type: 'bank_account', bank: '004', value: account } })).body.cases as Array<{ complaintId: string }>;
    expect((await lookup()).map((entry) => entry.complaintId)).toEqual([complaint.id]);

    // Refused before anything is written: a duplicate without its original, or naming itself.
    const before = await snapshot(complaint.id);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { token: staff, json: { reason: 'duplicate' } })).status).toBe(422);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { token: staff, json: { reason: 'duplicate', duplicateOf: complaint.referenceCode } })).body.code).toBe('CORRECTION_DUPLICATE_UNKNOWN');
    expect(await snapshot(complaint.id)).toEqual(before);

    const retracted = await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { token: staff, json: { reason: 'complainant_withdrew', note: 'ผู้ร้องได้รับเงินคืนแล้ว' } });
    expect(retracted.status).toBe(201);
    expect(retracted.body.corrections.map((entry: { partnerId: string; type: string }) => [entry.partnerId, entry.type]).sort()).toEqual([[foundation.id, 'ocx.retraction'], [police.id, 'ocx.retraction']].sort());

    const timeline = (await hub.request('GET', `/v1/complaints/${complaint.id}/timeline`, { token: staff })).body;
    const statusOf = (partner: PartnerClient) => timeline.referrals.find((referral: { partnerId: string }) => referral.partnerId === partner.id).status;
    expect([statusOf(police), statusOf(foundation)]).toEqual(['retracted', 'rejected']);
    expect((await hub.request('GET', `/v1/complaints/${complaint.id}`, { token: staff })).body.status).toBe('withdrawn');
    expect(await lookup()).toEqual([]);

    const feed = (await hub.request('GET', '/v1/partner/corrections', { token: await police.token() })).body.corrections as Array<{ type: string; referralId: string; jws: string }>;
    const mine = feed.filter((entry) => entry.referralId === complaint.referralOf[police.id]);
    expect(mine).toHaveLength(1);
    const { typ, payload } = await verifiedPayload(mine[0]!.jws, jwks);
    expect(typ).toBe('ocx-retraction+jws');
    expect(payload).toMatchObject({ type: 'ocx.retraction', reason: 'complainant_withdrew', note: 'ผู้ร้องได้รับเงินคืนแล้ว', sequence: 2, referenceCode: complaint.referenceCode });

    // Nothing more happens to a withdrawn complaint; the agency's referral takes no more steps.
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [bank.id] } })).body.code).toBe('COMPLAINT_WITHDRAWN');
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, { token: staff, json: { reason: 'x', narrative: 'ข้อความใหม่' } })).body.code).toBe('COMPLAINT_WITHDRAWN');
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { token: staff, json: { reason: 'other' } })).body.code).toBe('COMPLAINT_WITHDRAWN');
    const late = await police.postEvent(await police.token(), complaint.referralOf[police.id]!, await police.signEvent(complaint.referralOf[police.id]!, { status: 'acknowledged' }));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TRANSITION_NOT_ALLOWED');

    // An agency that must keep the data says under which law.
    const retention = await police.sdk().referrals.acknowledge((await police.sdk().referrals.documents(complaint.referralOf[police.id]!, 1)).documents[0] as Verified<Retraction>, {
      outcome: 'retained', retentionBasis: 'ป.วิ.อาญา มาตรา 131: พยานหลักฐานในสำนวนคดี',
    });
    expect(retention).toMatchObject({ acknowledgementOutcome: 'retained', retentionBasis: 'ป.วิ.อาญา มาตรา 131: พยานหลักฐานในสำนวนคดี' });
  });

  it('chases an unacknowledged Retraction past its deadline, pushing it again until it is acknowledged; the work list shows it overdue', async () => {
    const complaint = await dispatched([pushed]);
    const referralId = complaint.referralOf[pushed.id]!;
    await endpoint.waitFor((received) => received.successes().length >= 1);
    const retracted = await hub.request('POST', `/v1/complaints/${complaint.id}/retraction`, { token: staff, json: { reason: 'filed_in_error' } });
    expect(retracted.status).toBe(201);
    const documentId = retracted.body.corrections[0].documentId as string;
    const retractionsPushed = () => endpoint.successes().filter((push) => push.body.split('.').length === 3 && JSON.parse(Buffer.from(push.body.split('.')[1]!, 'base64url').toString()).id === documentId);
    await endpoint.waitFor(() => retractionsPushed().length === 1);
    const first = retractionsPushed()[0]!;
    expect((await verifiedPayload(first.body, jwks)).payload).toMatchObject({ type: 'ocx.retraction', reason: 'filed_in_error', referralId });

    const listed = async (query: string) => (await hub.request('GET', `/v1/corrections?${query}&partner=${pushed.id}`, { token: staff })).body.corrections as Array<{ documentId: string; chaseCount: number; overdue: boolean }>;
    expect((await listed('unacknowledged=true')).map((entry) => [entry.documentId, entry.overdue])).toEqual([[documentId, false]]);
    expect(await listed('overdue=true')).toEqual([]);

    // Past the deadline (72 h): chased once, pushed again byte for byte, audited.
    const clock = async (hours: number) => expect((await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: new Date(Date.now() + hours * HOUR).toISOString() } })).status).toBe(200);
    await clock(73);
    await endpoint.waitFor(() => retractionsPushed().length === 2);
    expect(retractionsPushed()[1]!.body).toBe(first.body);
    expect((await listed('overdue=true')).map((entry) => [entry.documentId, entry.chaseCount, entry.overdue])).toEqual([[documentId, 1, true]]);
    // Not again within the chase interval (24 h) …
    await clock(80);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(retractionsPushed()).toHaveLength(2);
    // … then again.
    await clock(98);
    await endpoint.waitFor(() => retractionsPushed().length === 3);
    const chases = await db.query(`SELECT details->>'chase' AS chase FROM audit_entry WHERE action = 'retraction.chased' AND subject_id = $1 ORDER BY seq`, [referralId]);
    expect(chases.map((row: { chase: string }) => Number(row.chase))).toEqual([1, 2]);

    // Acknowledged: off the work list, never chased again.
    const notice = (await pushed.sdk().referrals.documents(referralId, 1)).documents[0] as Verified<Retraction>;
    await pushed.sdk().referrals.acknowledge(notice, { outcome: 'applied' });
    expect(await listed('overdue=true')).toEqual([]);
    await clock(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(retractionsPushed()).toHaveLength(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CaseShareInput, OcxClient } from '@ocx/partner-sdk';
import { compactVerify, createLocalJWKSet, decodeJwt, type JSONWebKeySet, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { aComplaint } from '../support/complaint-builder.js';
import { aDispatchedComplaint } from '../support/dispatched-complaint.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { anEcKeyPair } from '../support/partner-builder.js';
import { PartnerClient } from '../support/partner-client.js';
import { aStatusEvent, exampleDocument, signAsPartner } from '../support/signed-documents.js';

describe('partner API: tokens, feed, evidence, status events', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;
  let agencyA: PartnerClient;
  let agencyB: PartnerClient;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    staff = await hub.token('staff', 'somchai');
    agencyA = await PartnerClient.register(hub);
    agencyB = await PartnerClient.register(hub);
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  /** A complaint with one evidence file, dispatched to both agencies. */
  const dispatchedCase = () => aDispatchedComplaint(hub, staff, [agencyA.id, agencyB.id]);

  describe('the token endpoint (client credentials with private_key_jwt)', () => {
    it('issues a short-lived hub-signed access token for a registered key', async () => {
      const response = await agencyA.requestToken(await agencyA.assertion());
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'referrals:read referrals:write evidence:read cases:write matches:read' });
      const claims = decodeJwt(response.body.access_token);
      expect(claims).toMatchObject({ iss: 'urn:ocx:hub', sub: agencyA.id, aud: 'ocx-hub', partner_id: agencyA.id, roles: ['partner'] });
      expect(claims.exp! - claims.iat!).toBe(900);
      const jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
      await compactVerify(response.body.access_token, createLocalJWKSet(jwks));
    });

    it('refuses a replayed assertion jti (401)', async () => {
      const assertion = await agencyA.assertion();
      expect((await agencyA.requestToken(assertion)).status).toBe(200);
      const again = await agencyA.requestToken(assertion);
      expect(again.status).toBe(401);
      expect(again.body).toMatchObject({ code: 'OAUTH_INVALID_CLIENT', error: 'invalid_client' });
      expect(again.body.error_description).toContain('already used');
    });

    it.each([
      ['an assertion for another audience', { aud: 'https://some-other-hub.example' }, 'aud'],
      ['an expired assertion', { expiresIn: -120 }, 'expired'],
      ['an assertion valid for an hour', { expiresIn: 3600 }, 'at most 300 s'],
      ['an assertion signed with an unregistered key', { key: anEcKeyPair().privateJwk as never }, 'signature'],
      ['an assertion naming an unknown kid', { kid: 'no-such-key' }, 'no registered key'],
      ['an assertion for an unknown partner', { iss: 'no-such-agency' }, 'not a registered'],
    ])('refuses %s (401)', async (_, overrides, reason) => {
      const response = await agencyA.requestToken(await agencyA.assertion(overrides));
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_client');
      expect(response.body.error_description).toContain(reason);
    });

    it('refuses an assertion signed with a key revoked in the registry (401)', async () => {
      const revoked = await PartnerClient.register(hub);
      await hub.request('POST', `/v1/partners/${revoked.id}/keys/${revoked.kid}/revoke`, { token: await hub.token('admin'), json: {} });
      const response = await revoked.requestToken(await revoked.assertion());
      expect(response.status).toBe(401);
      expect(response.body.error_description).toContain('revoked');
    });

    it('refuses other grant types (400), unknown scopes (400) and JSON bodies (415)', async () => {
      expect((await agencyA.requestToken(await agencyA.assertion(), { grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
      expect((await agencyA.requestToken(await agencyA.assertion(), { scope: 'referrals:read admin' })).body.error).toBe('invalid_scope');
      const json = await hub.request('POST', '/v1/oauth/token', { json: { grant_type: 'client_credentials' } });
      expect(json.status).toBe(415);
    });

    it('refuses an expired access token and one for another audience (401)', async () => {
      const expired = await hub.token('partner', agencyA.id, { partnerId: agencyA.id, ttlSeconds: -30 });
      expect((await hub.request('GET', '/v1/partner/referrals', { token: expired })).status).toBe(401);
      const otherAudience = await hub.token('partner', agencyA.id, { partnerId: agencyA.id, audience: 'another-service' });
      expect((await hub.request('GET', '/v1/partner/referrals', { token: otherAudience })).status).toBe(401);
    });
  });

  describe('the full loop', () => {
    it('pulls a referral, reads it signed, fetches evidence, and reports status to the end', async () => {
      const kase = await dispatchedCase();
      const referralId = kase.referralOf[agencyA.id]!;
      const token = await agencyA.token();

      const feed = await hub.request('GET', '/v1/partner/referrals?status=dispatched', { token });
      expect(feed.status).toBe(200);
      expect(feed.body.referrals.map((entry: { referral: { id: string } }) => entry.referral.id)).toContain(referralId);
      expect(feed.body.referrals.every((entry: { referral: { partnerId: string } }) => entry.referral.partnerId === agencyA.id)).toBe(true);

      const signed = await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token, headers: { accept: 'application/jose' } });
      expect(signed.headers.get('content-type')).toContain('application/jose');
      const jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
      const { payload } = await compactVerify(signed.text, createLocalJWKSet(jwks));
      const referral = JSON.parse(Buffer.from(payload).toString('utf8'));
      expect(referral.recipient).toBe(agencyA.id);
      // Each identifier with its normal form beside it (§2.5), as the hub's matching computes it.
      for (const subject of referral.complaint.subjects) expect(subject.normalised).toEqual({ kind: subject.type, value: expect.any(String) });
      expect(referral.complaint.subjects.find((subject: { type: string }) => subject.type === 'phone').normalised.value).toMatch(/^\+66\d{9}$/);
      const json = await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token });
      expect(json.body.referral.status).toBe('delivered');
      // Nothing of 1212's own records: not its complaint id, not the dispatcher's login.
      for (const view of [json.body.referral, ...feed.body.referrals.map((entry: { referral: unknown }) => entry.referral)]) {
        expect(view).not.toHaveProperty('complaintId');
        expect(view).not.toHaveProperty('createdBy');
      }
      expect(JSON.stringify(json.body.referral)).not.toContain(kase.complaintId);
      expect(json.body.document.id).toBe(referral.id);

      const download = await fetch(`${hub.baseUrl}/v1/partner/referrals/${referralId}/evidence/${kase.evidenceId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(referral.evidence[0].sha256);
      expect(download.headers.get('x-content-sha256')).toBe(referral.evidence[0].sha256);
      const range = await fetch(`${hub.baseUrl}/v1/partner/referrals/${referralId}/evidence/${kase.evidenceId}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-9' } });
      expect(range.status).toBe(206);

      const steps: Array<[Record<string, unknown>, string]> = [
        [{ status: 'acknowledged', partnerCaseNumber: 'สคบ.1234/2569' }, 'acknowledged'],
        [{ status: 'in_progress', note: 'ติดต่อผู้ขายแล้ว' }, 'in_progress'],
        [{ status: 'info_requested', requestedInformation: [{ kind: 'police_report', description: 'ขอสำเนาใบแจ้งความ' }] }, 'info_requested'],
        [{ status: 'in_progress' }, 'in_progress'],
        [{ status: 'resolved', resolution: { summary: 'ผู้ขายคืนเงินแล้ว', amountRecovered: { amountSatang: 159000, currency: 'THB' } } }, 'resolved'],
      ];
      for (const [event, status] of steps) {
        const response = await agencyA.postEvent(token, referralId, await agencyA.signEvent(referralId, event));
        expect(response.status).toBe(201);
        expect(response.body.status).toBe(status);
      }
      const timeline = await hub.request('GET', `/v1/complaints/${kase.complaintId}/timeline`, { token: staff });
      const history = timeline.body.referrals.find((entry: { id: string }) => entry.id === referralId).history;
      expect(history.map((event: { status: string }) => event.status)).toEqual(['dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested', 'in_progress', 'resolved']);
      expect(history[4].note).toContain('police_report');
      expect(await db.query(`SELECT count(*)::int AS n FROM received_document WHERE sender = $1 AND purpose = 'live'`, [agencyA.id])).toEqual([{ n: 5 }]);
      // The agency's own case number, from its latest event that gave one (the example events carry สคบ.6911/2569):
      // kept, and shown to staff, to the agency and on tracking.
      const latestNumber = aStatusEvent(agencyA.id).partnerCaseNumber as string;
      expect(timeline.body.referrals.find((entry: { id: string }) => entry.id === referralId).partnerCaseNumber).toBe(latestNumber);
      expect((await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token })).body.referral.partnerCaseNumber).toBe(latestNumber);
      const complaint = (await hub.request('GET', `/v1/complaints/${kase.complaintId}`, { token: staff })).body;
      const tracked = await hub.request('GET', `/v1/track/${complaint.referenceCode}`);
      expect(tracked.body.agencies).toEqual(expect.arrayContaining([expect.objectContaining({ agencyCaseNumber: latestNumber, status: 'resolved' }), expect.objectContaining({ agencyCaseNumber: null, status: 'dispatched' })]));
    });

    it('answers a repeated event with 200 and changes nothing; an out-of-order event is 409 naming the allowed ones', async () => {
      const kase = await dispatchedCase();
      const referralId = kase.referralOf[agencyA.id]!;
      const token = await agencyA.token();
      const acknowledged = await agencyA.signEvent(referralId, { status: 'acknowledged' });
      expect((await agencyA.postEvent(token, referralId, acknowledged)).status).toBe(201);
      const repeat = await agencyA.postEvent(token, referralId, acknowledged);
      expect(repeat.status).toBe(200);
      expect(repeat.body.status).toBe('acknowledged');

      const tooEarly = await agencyA.postEvent(token, kase.referralOf[agencyA.id]!, await agencyA.signEvent(referralId, { status: 'acknowledged' }));
      expect(tooEarly.status).toBe(409);
      expect(tooEarly.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', currentStatus: 'acknowledged', allowedNext: ['in_progress', 'info_requested', 'resolved', 'rejected', 'transferred'] });

      // A late retry of the same JWS, after the referral moved on: still 200, changing nothing, with the referral as it is now (§4.5).
      expect((await agencyA.postEvent(token, referralId, await agencyA.signEvent(referralId, { status: 'in_progress' }))).status).toBe(201);
      const lateRepeat = await agencyA.postEvent(token, referralId, acknowledged);
      expect(lateRepeat.status).toBe(200);
      expect(lateRepeat.body.status).toBe('in_progress');

      await agencyA.postEvent(token, referralId, await agencyA.signEvent(referralId, { status: 'rejected', reason: 'ไม่อยู่ในอำนาจ' }));
      const afterClose = await agencyA.postEvent(token, referralId, await agencyA.signEvent(referralId, { status: 'in_progress' }));
      expect(afterClose.status).toBe(409);
      expect(afterClose.body.allowedNext).toEqual([]);
      const statuses = await db.query('SELECT status FROM referral_event WHERE referral_id = $1 ORDER BY id', [referralId]);
      expect(statuses.map((row: { status: string }) => row.status)).toEqual(['dispatched', 'acknowledged', 'in_progress', 'rejected']);
    });
    it('refuses the next event at once when the key that signed the last one is revoked, though the hub already knows that key', async () => {
      const agency = await PartnerClient.register(hub);
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } });
      const referralId = dispatched.body.referrals[0].id as string;
      // The access token comes from a second key, so that it outlives the first key's revocation.
      const second = anEcKeyPair();
      const { kid: secondKid } = (await hub.request('POST', `/v1/partners/${agency.id}/keys`, { token: await hub.token('admin'), json: { jwk: second.publicJwk } })).body;
      const tokenResponse = await agency.requestToken(await agency.assertion({ key: second.privateJwk as JWK, kid: secondKid }));
      const token = tokenResponse.body.access_token as string;
      expect((await agency.postEvent(token, referralId, await agency.signEvent(referralId, { status: 'acknowledged' }))).status).toBe(201);

      await hub.request('POST', `/v1/partners/${agency.id}/keys/${agency.kid}/revoke`, { token: await hub.token('admin'), json: { reason: 'leaked' } });
      // The access token is still valid; the signature on the document is what is refused.
      const refused = await agency.postEvent(token, referralId, await agency.signEvent(referralId, { status: 'in_progress' }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'SIGNATURE_KEY_REVOKED', kid: agency.kid });
      expect((await db.query('SELECT status FROM referral WHERE id = $1', [referralId]))[0].status).toBe('acknowledged');
      expect(await db.query(`SELECT 1 FROM received_document WHERE sender = $1`, [agency.id])).toHaveLength(1);
    });

    it('applies one event sent five times at once exactly once: one 201, the others 200, one step, one audit entry', async () => {
      const kase = await dispatchedCase();
      const referralId = kase.referralOf[agencyA.id]!;
      const token = await agencyA.token();
      const event = await agencyA.signEvent(referralId, { status: 'acknowledged' });
      const answers = await Promise.all(Array.from({ length: 5 }, () => agencyA.postEvent(token, referralId, event)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
      const steps = await db.query(`SELECT status FROM referral_event WHERE referral_id = $1 AND status = 'acknowledged'`, [referralId]);
      expect(steps).toHaveLength(1);
      const audited = await db.query(`SELECT 1 FROM audit_entry WHERE action = 'status_event.accepted' AND subject_id = $1`, [referralId]);
      expect(audited).toHaveLength(1);
    });
  });

  describe("one agency cannot reach another's referrals", () => {
    it('answers 404 to list, read, download and update attempts, revealing nothing', async () => {
      const kase = await dispatchedCase();
      const referralOfA = kase.referralOf[agencyA.id]!;
      const tokenB = await agencyB.token();
      const feed = await hub.request('GET', '/v1/partner/referrals', { token: tokenB });
      expect(feed.body.referrals.map((entry: { referral: { id: string } }) => entry.referral.id)).not.toContain(referralOfA);
      expect((await hub.request('GET', `/v1/partner/referrals/${referralOfA}`, { token: tokenB })).status).toBe(404);
      expect((await hub.request('GET', `/v1/partner/referrals/${referralOfA}/evidence/${kase.evidenceId}`, { token: tokenB })).status).toBe(404);
      const update = await agencyB.postEvent(tokenB, referralOfA, await agencyB.signEvent(referralOfA, { status: 'acknowledged' }));
      expect(update.status).toBe(404);
      const unknown = await hub.request('GET', `/v1/partner/referrals/${randomUUID()}`, { token: tokenB });
      // Someone else's referral and one that does not exist look the same.
      expect(update.body).toMatchObject({ status: 404, code: 'REFERRAL_NOT_FOUND', detail: `You have no referral ${referralOfA}.` });
      expect(unknown.body).toMatchObject({ status: 404, code: 'REFERRAL_NOT_FOUND', detail: expect.stringMatching(/^You have no referral [0-9a-f-]{36}\.$/) });
      expect((await db.query('SELECT status FROM referral WHERE id = $1', [referralOfA]))[0].status).toBe('dispatched');
    });

    it("refuses a StatusEvent signed with A's key for B's referral", async () => {
      const kase = await dispatchedCase();
      const referralOfB = kase.referralOf[agencyB.id]!;
      // A signs an event claiming to be B, and sends it with B's token: A's key is not B's.
      const forged = await agencyA.signEvent(referralOfB, { status: 'resolved', resolution: { summary: 'ปิดเรื่อง' }, partnerId: agencyB.id });
      const response = await agencyB.postEvent(await agencyB.token(), referralOfB, forged);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('SIGNATURE_KEY_UNKNOWN');
      expect((await db.query('SELECT status FROM referral WHERE id = $1', [referralOfB]))[0].status).toBe('dispatched');
    });

    it('only lets a token do what its scopes allow (403)', async () => {
      const kase = await dispatchedCase();
      const readOnly = await agencyA.token('referrals:read');
      const referralId = kase.referralOf[agencyA.id]!;
      expect((await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token: readOnly })).status).toBe(200);
      const write = await agencyA.postEvent(readOnly, referralId, await agencyA.signEvent(referralId, { status: 'acknowledged' }));
      expect(write.status).toBe(403);
      expect(write.body.missingScopes).toEqual(['referrals:write']);
      expect((await hub.request('GET', `/v1/partner/referrals/${referralId}/evidence/${kase.evidenceId}`, { token: readOnly })).status).toBe(403);
    });

    it('keeps partner tokens away from staff routes (403)', async () => {
      expect((await hub.request('GET', '/v1/complaints', { token: await agencyA.token() })).status).toBe(403);
    });
  });
});

describe('questions and transfers between agencies and 1212', () => {
  let hub: TestHub;
  let staff: string;
  let agency: PartnerClient;
  let other: PartnerClient;

  beforeAll(async () => {
    // The smallest pool: a transaction that asked the pool for another connection while holding one would
    // wait forever once two such requests ran at once (with a pool of n, once n did).
    hub = await TestHub.start({ env: { DATABASE_POOL_SIZE: '2' } });
    staff = await hub.token('staff', 'malee');
    agency = await PartnerClient.register(hub);
    other = await PartnerClient.register(hub);
  });

  afterAll(async () => {
    await hub.stop();
  });

  async function referTo(partner: PartnerClient): Promise<{ complaintId: string; referralId: string }> {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [partner.id] } });
    return { complaintId: complaint.id, referralId: dispatched.body.referrals[0].id };
  }

  it('applies numbered events only in order: a gap or a reused number is 409 naming the next, and writes nothing (§4.7)', async () => {
    const { complaintId, referralId } = await referTo(agency);
    const token = await agency.token();
    const post = async (overrides: Record<string, unknown>) => agency.postEvent(token, referralId, await agency.signEvent(referralId, overrides));
    const state = async () => {
      const timeline = (await hub.request('GET', `/v1/complaints/${complaintId}/timeline`, { token: staff })).body;
      const view = timeline.referrals.find((entry: { id: string }) => entry.id === referralId);
      return { status: view.status, steps: view.history.length };
    };
    expect((await post({ status: 'acknowledged', sequence: 1 })).status).toBe(201);
    const before = await state();

    const gap = await post({ status: 'in_progress', sequence: 3 });
    expect(gap.status).toBe(409);
    expect(gap.headers.get('content-type')).toContain('application/problem+json');
    expect(gap.body).toMatchObject({ code: 'STATUS_EVENT_OUT_OF_SEQUENCE', expectedSequence: 2 });
    const reused = await post({ status: 'in_progress', sequence: 1 });
    expect(reused.body).toMatchObject({ code: 'STATUS_EVENT_OUT_OF_SEQUENCE', expectedSequence: 2 });
    expect(await state()).toEqual(before);

    const second = await agency.signEvent(referralId, { status: 'in_progress', sequence: 2 });
    expect((await agency.postEvent(token, referralId, second)).status).toBe(201);
    // The same signed event again is a repeat, not a reuse of its number.
    expect((await agency.postEvent(token, referralId, second)).status).toBe(200);
    // A partner that does not number its events is not held to it (1.0).
    expect((await post({ status: 'info_requested', requestedInformation: [{ kind: 'clarification', description: 'ขอรายละเอียดเพิ่ม' }] })).status).toBe(201);
    expect((await post({ status: 'in_progress', sequence: 3 })).status).toBe(201);
  });

  it('puts info_requested on the staff work list; the answer reaches the agency as a new version of the referral', async () => {
    const { referralId } = await referTo(agency);
    const sdk = agency.sdk();
    await sdk.referrals.updateStatus(referralId, { status: 'acknowledged' });
    await sdk.referrals.updateStatus(referralId, { status: 'info_requested', requestedInformation: [{ kind: 'police_report', description: 'ขอสำเนาใบแจ้งความ' }] });

    const workList = await hub.request('GET', '/v1/referrals?awaitingAnswer=true', { token: staff });
    expect(workList.body.referrals.map((referral: { id: string }) => referral.id)).toContain(referralId);

    const answered = await hub.request('POST', `/v1/referrals/${referralId}/information`, { token: staff, json: { text: 'แนบใบแจ้งความเลขที่ 123/2569 แล้ว' } });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ version: 2, status: 'info_requested' });
    expect((await sdk.referrals.get(referralId)).document).toMatchObject({ version: 2, note: 'แนบใบแจ้งความเลขที่ 123/2569 แล้ว' });
    // Answered: off the work list, and a second answer is refused (further facts go to every agency as an amendment).
    const awaiting = async (): Promise<string[]> => (await hub.request('GET', '/v1/referrals?awaitingAnswer=true', { token: staff })).body.referrals.map((referral: { id: string }) => referral.id);
    expect(await awaiting()).not.toContain(referralId);
    const again = await hub.request('POST', `/v1/referrals/${referralId}/information`, { token: staff, json: { text: 'เพิ่มเติม' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INFORMATION_ALREADY_ANSWERED');
    // Once the agency has moved on there is nothing to answer.
    expect(await sdk.referrals.updateStatus(referralId, { status: 'in_progress' })).toMatchObject({ status: 'in_progress' });
    expect((await hub.request('POST', `/v1/referrals/${referralId}/information`, { token: staff, json: { text: 'อีกครั้ง' } })).status).toBe(409);
    // The agency asks again: back on the work list, and answered once more.
    await sdk.referrals.updateStatus(referralId, { status: 'info_requested', requestedInformation: [{ kind: 'transaction_detail', description: 'ขอเลขที่รายการโอน' }] });
    expect(await awaiting()).toContain(referralId);
    const second = await hub.request('POST', `/v1/referrals/${referralId}/information`, { token: staff, json: { text: 'เลขที่รายการ 0042' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 3 });
    expect(await awaiting()).not.toContain(referralId);
  });

  it("shares only the complainant's fields the dispatcher chose, in every version, and says so in fieldsShared", async () => {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ complainant: { name: 'สมหญิง ใจงาม', phone: '081-234-5678', email: 'somying@example.com' } }) })).body;
    const refused = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id], complainantFields: ['phone', 'nationalId'] } });
    expect(refused.status).toBe(422);
    const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id], complainantFields: ['phone'] } });
    expect(dispatched.status).toBe(201);
    const referralId = dispatched.body.referrals[0].id;
    const sdk = agency.sdk();
    const first = (await sdk.referrals.get(referralId)).document;
    expect(first.complaint.complainant).toEqual({ name: 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยชื่อ)', phone: '081-234-5678' });
    expect(first.disclosure.fieldsShared.filter((field) => field.startsWith('complainant.'))).toEqual(['complainant.phone']);
    expect(JSON.stringify(first)).not.toContain('somying@example.com');
    // An amendment reaches the agency as a new version sharing the same fields, and no more.
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, { token: staff, json: { reason: 'แก้ยอดเงิน', narrative: 'โอนเงิน 3,000 บาทแล้วไม่ได้รับสินค้า' } })).status).toBe(201);
    const second = (await sdk.referrals.get(referralId)).document;
    expect(second).toMatchObject({ version: 2, complaint: { complainant: { phone: '081-234-5678' } } });
    expect(second.disclosure.fieldsShared.filter((field) => field.startsWith('complainant.'))).toEqual(['complainant.phone']);
    expect(second.complaint.complainant.email).toBeUndefined();
  });

  it("counts each agency's feedback under the routing rule that sent it the case", async () => {
    const admin = await hub.token('admin');
    const feedbackAgency = await PartnerClient.register(hub);
    const rule = await hub.request('POST', '/v1/routing-rules', { token: admin, json: { category: 'shopping', subCategory: 'not_received', partnerId: feedbackAgency.id, priority: 500 } });
    expect(rule.status).toBe(201);
    const from = new Date(Date.now() - 60_000).toISOString();
    const first = await referTo(feedbackAgency);
    await referTo(feedbackAgency);
    const sdk = feedbackAgency.sdk();
    const rejected = await sdk.referrals.updateStatus(first.referralId, { status: 'rejected', reason: 'เป็นอำนาจของตำรวจ', reasonCode: 'not_our_jurisdiction' });
    expect(rejected).toMatchObject({ status: 'rejected', reasonCode: 'not_our_jurisdiction' });
    const feedback = await hub.request('GET', `/v1/routing-rules/feedback?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`, { token: staff });
    expect(feedback.status).toBe(200);
    expect(feedback.body.rules.find((entry: { partnerId: string }) => entry.partnerId === feedbackAgency.id)).toEqual({
      rule: expect.objectContaining({ id: rule.body.id, partnerId: feedbackAgency.id }), partnerId: feedbackAgency.id,
      referrals: 2, byStatus: { rejected: 1, dispatched: 1 }, byReason: { not_our_jurisdiction: 1 }, turnedAwayShare: 0.5,
    });
    const timeline = await hub.request('GET', `/v1/complaints/${first.complaintId}/timeline`, { token: staff });
    expect(timeline.body.referrals[0].reasonCode).toBe('not_our_jurisdiction');
    expect((await hub.request('GET', `/v1/routing-rules/feedback?from=${from}&to=${from}`, { token: staff })).status).toBe(422);
  });

  it('amends dispatched complaints, several at once on a pool of two connections: each agency reads the new version', async () => {
    const referred = await Promise.all([1, 2, 3].map(() => referTo(agency)));
    const amended = await Promise.all(referred.map(({ complaintId }) =>
      hub.request('POST', `/v1/complaints/${complaintId}/amendments`, { token: staff, json: { reason: 'ผู้ร้องแก้ยอดเงิน', narrative: 'โอนเงิน 2,000 บาทแล้วไม่ได้รับสินค้า' } })));
    expect(amended.map((response) => response.status)).toEqual([201, 201, 201]);
    const sdk = agency.sdk();
    for (const { referralId } of referred) {
      expect((await sdk.referrals.get(referralId)).document).toMatchObject({ version: 2, complaint: { narrative: 'โอนเงิน 2,000 บาทแล้วไม่ได้รับสินค้า' } });
    }
  }, 30_000);

  it('dispatches a confirmed transfer to the agency the partner named, once', async () => {
    const { complaintId, referralId } = await referTo(agency);
    await agency.sdk().referrals.updateStatus(referralId, { status: 'transferred', transferTo: other.id, note: 'เป็นอำนาจของหน่วยงานอื่น' });
    const confirmed = await hub.request('POST', `/v1/referrals/${referralId}/transfer-confirmation`, { token: staff });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.referrals).toEqual([expect.objectContaining({ partnerId: other.id, status: 'dispatched' })]);
    const timeline = (await hub.request('GET', `/v1/complaints/${complaintId}/timeline`, { token: staff })).body.referrals;
    expect(timeline.find((referral: { id: string }) => referral.id === referralId)).toMatchObject({ transferTo: other.id, transferredAs: confirmed.body.referrals[0].id });
    expect((await hub.request('POST', `/v1/referrals/${referralId}/transfer-confirmation`, { token: staff })).status).toBe(409);
    const inOthersFeed: string[] = [];
    for await (const entry of other.sdk().referrals.list()) inOthersFeed.push(entry.referral.id);
    expect(inOthersFeed).toContain(confirmed.body.referrals[0].id);
  });
});

describe('partner rate limits', () => {
  it('answers 429 with Retry-After past the per-partner budget', async () => {
    const hub = await TestHub.start({ env: { PARTNER_RATE_PER_MINUTE: '3' } });
    try {
      const partner = await PartnerClient.register(hub);
      const token = await partner.token();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await hub.request('GET', '/v1/partner/referrals', { token })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await hub.request('GET', '/v1/partner/referrals', { token });
      expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(limited.body.detail).toContain(partner.id);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another partner has its own budget.
      const other = await PartnerClient.register(hub);
      expect((await hub.request('GET', '/v1/partner/referrals', { token: await other.token() })).status).toBe(200);
    } finally {
      await hub.stop();
    }
  });
});

describe('cases an agency received directly (CaseShare)', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let agency: PartnerClient;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    agency = await PartnerClient.register(hub);
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  function aCaseShare(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...exampleDocument('case-share.police-case-with-thai-digits'), id: randomUUID(), partnerId: agency.id, issuedAt: new Date().toISOString(), ...overrides };
  }

  function share(token: string, jws: string) {
    return hub.request('POST', '/v1/partner/cases', { token, body: jws, headers: { 'content-type': 'application/jose' } });
  }

  it('accepts a signed CaseShare, keeping the hash of what was received but not the raw identifiers', async () => {
    const token = await agency.token();
    const document = aCaseShare();
    const jws = await signAsPartner(agency.privateJwk, document, { kid: agency.kid, typ: 'ocx-case-share+jws' });
    const response = await share(token, jws);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ documentId: document.id, partnerCaseNumber: document.partnerCaseNumber, subjects: 2, replay: false });
    const [row] = await db.query('SELECT jws, jws_sha256 FROM received_document WHERE document_id = $1', [document.id]);
    expect(row).toEqual({ jws: null, jws_sha256: createHash('sha256').update(jws).digest('hex') });
    expect((await share(token, jws)).status).toBe(200);
    const reused = await share(token, await signAsPartner(agency.privateJwk, { ...document, summary: 'อื่น' }, { kid: agency.kid, typ: 'ocx-case-share+jws' }));
    expect(reused.status).toBe(409);
  });

  it('links a CaseShare to the referral it restates: named, or found by the case number the agency gave', async () => {
    const staff = await hub.token('staff');
    const other = await PartnerClient.register(hub);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id, other.id] } });
    const mine = dispatched.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === agency.id).id;
    const theirs = dispatched.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === other.id).id;
    const caseNumber = `CCIB-${randomUUID().slice(0, 8)}`;
    await agency.sdk().referrals.updateStatus(mine, { status: 'acknowledged', partnerCaseNumber: caseNumber });
    const token = await agency.token();
    const signed = (document: Record<string, unknown>) => signAsPartner(agency.privateJwk, document, { kid: agency.kid, typ: 'ocx-case-share+jws' });
    // By the case number the agency gave when it acknowledged.
    const inferred = await share(token, await signed(aCaseShare({ partnerCaseNumber: caseNumber })));
    expect(inferred.status).toBe(201);
    expect(inferred.body.referralId).toBe(mine);
    // Named: its own referral links; another agency's is refused, and nothing is kept.
    const foreign = aCaseShare({ partnerCaseNumber: `${caseNumber}-2`, referralId: theirs });
    const refused = await share(token, await signed(foreign));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CASE_SHARE_REFERRAL_UNKNOWN');
    expect(await db.query('SELECT 1 FROM received_document WHERE document_id = $1', [foreign.id])).toEqual([]);
    const named = await share(token, await signed(aCaseShare({ partnerCaseNumber: `${caseNumber}-3`, referralId: mine })));
    expect(named.body.referralId).toBe(mine);
    expect(await db.query('SELECT count(*)::int AS n FROM match_case WHERE referral_id = $1', [mine])).toEqual([{ n: 2 }]);
    // Staff see the link in the cluster's cases.
    const [{ cluster_id: clusterId }] = await db.query('SELECT cluster_id FROM match_case WHERE referral_id = $1 LIMIT 1', [mine]);
    const cluster = await hub.request('GET', `/v1/clusters/${clusterId}`, { token: staff });
    expect(cluster.body.cases).toEqual(expect.arrayContaining([expect.objectContaining({ restatesReferralId: mine, agencies: [agency.id] })]));
    // Neither named nor found: no link.
    expect((await share(token, await signed(aCaseShare({ partnerCaseNumber: `${caseNumber}-4` })))).body.referralId).toBeNull();
  });

  it('refuses a CaseShare that breaks the schema (422) or needs a scope the token lacks (403)', async () => {
    const { type: _type, ocxVersion: _version, id: _id, issuedAt: _issued, partnerId: _partner, ...caseShare } = aCaseShare();
    const refusal = (client: OcxClient, subjects: unknown[]) => client.cases.share({ ...(caseShare as never as CaseShareInput), subjects: subjects as CaseShareInput['subjects'] }).catch((error: unknown) => error);
    expect(await refusal(agency.sdk(), [])).toMatchObject({ status: 422, code: 'DOCUMENT_INVALID' });
    expect(await refusal(agency.sdk({ scope: 'referrals:read' }), caseShare.subjects as unknown[])).toMatchObject({ status: 403, code: 'FORBIDDEN', problem: { missingScopes: ['cases:write'] } });
  });
});

describe('data classes: each recipient gets what its legal basis covers and the dispatch chose (§2.1)', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;
  let admin: string;
  let police: PartnerClient;
  let bank: PartnerClient;
  let marketplace: PartnerClient;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    staff = await hub.token('staff', 'malee');
    admin = await hub.token('admin');
    police = await PartnerClient.register(hub);
    bank = await PartnerClient.register(hub, { kind: 'bank', nameEn: 'Test Bank PCL' });
    marketplace = await PartnerClient.register(hub, { kind: 'platform', platformDomains: [`market-${randomUUID().slice(0, 8)}.co.th`] });
  });

  afterAll(async () => {
    await db.close();
    await hub.stop();
  });

  it("registers each kind with its default cover, which an admin can change", async () => {
    const covers = await Promise.all([police, bank, marketplace].map(async (partner) => (await hub.request('GET', `/v1/partners/${partner.id}`, { token: admin })).body.dataClasses));
    expect(covers).toEqual([['identity', 'contact', 'financial', 'narrative', 'subject', 'evidence'], ['financial'], ['subject']]);
    const widened = await hub.request('PATCH', `/v1/partners/${bank.id}`, { token: admin, json: { dataClasses: ['evidence', 'financial'] } });
    expect(widened.status).toBe(200);
    expect(widened.body.dataClasses).toEqual(['financial', 'evidence']);
    expect((await hub.request('PATCH', `/v1/partners/${bank.id}`, { token: admin, json: { dataClasses: ['money'] } })).status).toBe(422);
    expect((await hub.request('PATCH', `/v1/partners/${bank.id}`, { token: admin, json: { dataClasses: ['financial'] } })).status).toBe(200);
  });

  it('sends the police everything, the bank the account and the amount, the marketplace the listing and the seller; the bank cannot fetch the files', async () => {
    const kase = await aDispatchedComplaint(hub, staff, [police.id, bank.id, marketplace.id]);
    const [toPolice, toBank, toMarketplace] = await Promise.all([police, bank, marketplace].map(async (partner) => (await partner.sdk().referrals.get(kase.referralOf[partner.id]!)).document));
    expect(toPolice.disclosure.dataClasses).toEqual(['identity', 'contact', 'financial', 'narrative', 'subject', 'evidence']);
    expect(toPolice.complaint.complainant.phone).toBe('081-234-5678');
    expect(toPolice.evidence).toHaveLength(1);

    expect(toBank.disclosure).toMatchObject({ dataClasses: ['financial'], fieldsShared: ['complaint.transaction.price', 'complaint.transaction.paymentMethod', 'complaint.transaction.amountLost', 'complaint.subjects'] });
    expect(toBank.complaint.subjects.map((subject) => subject.type)).toEqual(['bank_account']);
    expect(toBank.complaint.transaction).toEqual({ price: { amountSatang: 159000, currency: 'THB' }, paymentMethod: 'bank_transfer', amountLost: { amountSatang: 159000, currency: 'THB' } });
    expect(JSON.stringify(toBank)).not.toMatch(/081-234-5678|สมหญิง|หม้อทอด/);
    expect(toBank.evidence).toEqual([]);
    const fetched = await hub.request('GET', `/v1/partner/referrals/${kase.referralOf[bank.id]}/evidence/${kase.evidenceId}`, { token: await bank.token() });
    expect(fetched.status).toBe(404);

    expect(toMarketplace.disclosure).toMatchObject({ dataClasses: ['subject'] });
    expect(toMarketplace.complaint.subjects.map((subject) => subject.type)).toEqual(['phone']);
    expect(toMarketplace.complaint.transaction).toEqual({ seller: 'ร้าน Happy Kitchen' });
  });

  it("refuses a class beyond an agency's cover, naming it, and dispatches nothing to anyone", async () => {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const count = async () => (await db.query('SELECT count(*)::int AS n FROM referral WHERE complaint_id = $1', [complaint.id]))[0].n as number;
    const refused = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [police.id, bank.id], dataClasses: { [bank.id]: ['financial', 'contact'] } } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'REFERRAL_DATA_CLASS_NOT_COVERED', errors: [{ path: `dataClasses.${bank.id}` }] });
    expect(refused.body.detail).toContain('contact');
    const stranger = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [police.id], dataClasses: { [bank.id]: ['financial'] } } });
    expect(stranger.status).toBe(422);
    for (const malformed of [{ [police.id]: ['money'] }, { [police.id]: 'narrative' }, { [police.id]: ['narrative', 'narrative'] }, ['narrative']]) {
      expect((await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [police.id], dataClasses: malformed } })).status).toBe(422);
    }
    expect(await count()).toBe(0);

    // The preview says what the dispatch would refuse, before anyone sends it.
    const preview = await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=${bank.id}&dataClasses=${bank.id}:financial%2Bcontact`, { token: staff });
    expect(preview.status).toBe(200);
    expect(preview.body.previews[0]).toMatchObject({ dataClasses: ['financial'], coveredDataClasses: ['financial'], defaultDataClasses: ['financial'], refusedDataClasses: ['contact'] });
    expect((await hub.request('GET', `/v1/complaints/${complaint.id}/referral-preview?partners=${bank.id}&dataClasses=${bank.id}:money`, { token: staff })).status).toBe(422);
  });

  it('keeps a narrower choice for every later version, and narrows them further when an admin narrows the cover', async () => {
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const dispatched = await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [police.id], dataClasses: { [police.id]: ['narrative', 'subject', 'financial'] } } });
    expect(dispatched.status).toBe(201);
    const referralId = dispatched.body.referrals[0].id as string;
    const first = (await police.sdk().referrals.get(referralId)).document;
    expect(first.disclosure.dataClasses).toEqual(['financial', 'narrative', 'subject']);
    expect(first.complaint.complainant.phone).toBeUndefined();

    expect((await hub.request('PATCH', `/v1/partners/${police.id}`, { token: admin, json: { dataClasses: ['identity', 'contact', 'narrative', 'subject', 'evidence'] } })).status).toBe(200);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, { token: staff, json: { reason: 'แก้ยอดเงิน', narrative: 'โอนเงิน 3,000 บาทแล้วไม่ได้รับสินค้า' } })).status).toBe(201);
    const second = (await police.sdk().referrals.get(referralId)).document;
    expect(second).toMatchObject({ version: 2, disclosure: { dataClasses: ['narrative', 'subject'] } });
    expect(second.complaint.narrative).toContain('3,000');
    expect(second.complaint.transaction).toEqual({ orderDate: '2026-11-10', product: 'หม้อทอดไร้น้ำมัน 5 ลิตร', quantity: 1, seller: 'ร้าน Happy Kitchen' });
    expect((await hub.request('PATCH', `/v1/partners/${police.id}`, { token: admin, json: { dataClasses: ['identity', 'contact', 'financial', 'narrative', 'subject', 'evidence'] } })).status).toBe(200);
  });
});

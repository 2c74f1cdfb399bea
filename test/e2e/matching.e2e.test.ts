import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { randomInt, randomUUID } from 'node:crypto';
import { aComplaint, randomDigits as digits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';
import { PartnerEndpoint } from '../support/partner-endpoint.js';
import { exampleDocument, signAsPartner } from '../support/signed-documents.js';

describe('cross-agency de-duplication', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;
  let auditor: string;
  let jwks: JSONWebKeySet;
  let ocpb: PartnerClient;
  let police: PartnerClient;

  let endpoint: PartnerEndpoint;
  let platform: PartnerClient;

  beforeAll(async () => {
    // Its own database: this hub runs the push worker, which must not deliver other test files' messages.
    const databaseUrl = await TestDatabase.createIsolated('matching');
    hub = await TestHub.start({ databaseUrl, env: { DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true', DELIVERY_POLL_MS: '50', MATCHING_NOTIFIER_POLL_MS: '50' } });
    db = TestDatabase.open(databaseUrl);
    endpoint = await PartnerEndpoint.start();
    platform = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: endpoint.url });
    staff = await hub.token('staff', 'somchai');
    auditor = await hub.token('auditor', 'committee');
    ocpb = await PartnerClient.register(hub);
    police = await PartnerClient.register(hub);
    jwks = (await hub.request('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
    await endpoint.stop();
  });

  async function complaint(subjects: Array<Record<string, string>>, overrides: Record<string, unknown> = {}): Promise<{ id: string; referenceCode: string; subjects: any[] }> {
    const response = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subjects, ...overrides }) });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function shareCase(partner: PartnerClient, partnerCaseNumber: string, subjects: Array<Record<string, string>>) {
    const document = { ...exampleDocument('case-share.police-case-with-thai-digits'), id: randomUUID(), partnerId: partner.id, issuedAt: new Date().toISOString(), partnerCaseNumber, subjects };
    const jws = await signAsPartner(partner.privateJwk, document, { kid: partner.kid, typ: 'ocx-case-share+jws' });
    return hub.request('POST', '/v1/partner/cases', { token: await partner.token(), body: jws, headers: { 'content-type': 'application/jose' } });
  }

  /** The MatchNotices a partner can pull, verified against the hub's JWKS, once the notifier has sent `expected` of them. */
  async function noticesOf(partner: PartnerClient, expected = 1): Promise<Array<{ id: string; payload: any }>> {
    const token = await partner.token();
    const deadline = Date.now() + 5_000;
    let response = await hub.request('GET', '/v1/partner/match-notices', { token });
    while (response.body.notices.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await hub.request('GET', '/v1/partner/match-notices', { token });
    }
    expect(response.status).toBe(200);
    return Promise.all(response.body.notices.map(async (notice: { id: string; jws: string }) => {
      const verified = await compactVerify(notice.jws, createLocalJWKSet(jwks));
      expect(verified.protectedHeader.typ).toBe('ocx-match-notice+jws');
      return { id: notice.id, payload: JSON.parse(new TextDecoder().decode(verified.payload)) };
    }));
  }

  it('links two spellings of one phone and a police case quoting the bank account, and tells both agencies, nothing personal crossing', async () => {
    const phone = `08${digits(1)}${digits(7)}`;
    const account = digits(10);
    const first = await complaint([
      { type: 'phone', value: `${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}` },
      { type: 'bank_account', bank: '004', value: `${account.slice(0, 3)}-${account.slice(3, 4)}-${account.slice(4, 9)}-${account.slice(9)}` },
    ], { complainant: { name: 'สมหญิง ใจงาม', phone: '089-999-0000' }, narrative: 'โอนเงินซื้อหม้อทอดแล้วผู้ขายบล็อก เรื่องลับเฉพาะ' });
    const dispatched = await hub.request('POST', `/v1/complaints/${first.id}/referrals`, { token: staff, json: { partners: [ocpb.id] } });
    expect(dispatched.status).toBe(201);
    const referralId = dispatched.body.referrals[0].id;

    // The same number, written the international way with Thai digits.
    const thai = (text: string): string => text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0e50 + Number(digit)));
    const second = await complaint([{ type: 'phone', value: `+66 ${thai(phone.slice(1, 3))} ${thai(phone.slice(3, 6))} ${thai(phone.slice(6))}` }]);
    const caseNumber = `ปอท.${digits(4)}/${digits(5)}`;
    const shared = await shareCase(police, caseNumber, [{ type: 'bank_account', bank: '004', value: `${account.slice(0, 3)} ${account.slice(3, 4)} ${account.slice(4, 9)} ${account.slice(9)}` }]);
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ indexed: 1, unusable: [] });

    const matches = await hub.request('GET', `/v1/complaints/${first.id}/matches`, { token: staff });
    expect(matches.status).toBe(200);
    const linked = matches.body.linked.map((entry: { caseRef: string; agencies: string[] }) => [entry.caseRef, entry.agencies]);
    expect(linked).toEqual(expect.arrayContaining([[second.referenceCode, ['1212']], [caseNumber, [police.id]]]));
    expect(linked).toHaveLength(2);
    const viaPolice = matches.body.linked.find((entry: { caseRef: string }) => entry.caseRef === caseNumber).via;
    expect(viaPolice).toEqual([expect.objectContaining({ identifierType: 'bank_account', maskedValue: `KBANK xxxxxx${account.slice(6)}`, strength: 'strong' })]);
    const cluster = await hub.request('GET', `/v1/clusters/${matches.body.clusterId}`, { token: auditor });
    expect(cluster.status).toBe(200);
    expect(cluster.body.agencies).toEqual([police.id, ocpb.id, '1212'].sort());
    expect(cluster.body.cases).toHaveLength(3);

    // Both agencies hear of it in signed MatchNotices.
    const toPolice = await noticesOf(police);
    expect(toPolice).toHaveLength(1);
    expect(toPolice[0]!.payload).toMatchObject({ type: 'ocx.match-notice', recipient: police.id, clusterId: matches.body.clusterId, yourCase: { partnerCaseNumber: caseNumber } });
    expect(toPolice[0]!.payload.matches).toEqual(expect.arrayContaining([
      expect.objectContaining({ partnerId: '1212', identifierType: 'bank_account', maskedValue: `KBANK xxxxxx${account.slice(6)}` }),
      expect.objectContaining({ partnerId: ocpb.id, identifierType: 'bank_account' }),
    ]));
    // Once, when the police's case arrived: another 1212 complaint joining a cluster 1212 was already in tells OCPB nothing new.
    const toOcpb = await noticesOf(ocpb);
    expect(toOcpb.map((notice) => notice.payload.yourCase)).toEqual([{ referralId }]);
    expect(toOcpb.at(-1)!.payload.matches).toEqual(expect.arrayContaining([expect.objectContaining({ partnerId: police.id, identifierType: 'bank_account' }), expect.objectContaining({ partnerId: '1212', identifierType: 'phone' })]));

    // Nothing personal from one agency reaches the other: no raw identifier, name, narrative or case number.
    const policeView = await hub.request('GET', '/v1/partner/matches', { token: await police.token() });
    const ocpbView = await hub.request('GET', '/v1/partner/matches', { token: await ocpb.token() });
    expect(ocpbView.body.matches).toEqual([expect.objectContaining({ clusterId: matches.body.clusterId, yourCase: { referralId } })]);
    expect(policeView.body.matches).toEqual([expect.objectContaining({ yourCase: { partnerCaseNumber: caseNumber } })]);
    const toPoliceText = JSON.stringify([toPolice, policeView.body]);
    for (const secret of [phone, phone.slice(1), account, 'สมหญิง', 'หม้อทอด', first.referenceCode, second.referenceCode, '089-999-0000', '0899990000', '9990000']) expect(toPoliceText).not.toContain(secret);
    const toOcpbText = JSON.stringify([toOcpb, ocpbView.body]);
    for (const secret of [account, caseNumber, 'ปอท']) expect(toOcpbText).not.toContain(secret);

    // The hub keeps no raw value of the police case: only keyed hashes and masked forms.
    const stored = JSON.stringify(await db.query(`SELECT mi.*, encode(mi.blind_index, 'hex') AS hex FROM match_identifier mi JOIN match_case mc ON mc.id = mi.case_id WHERE mc.case_ref = $1`, [caseNumber]));
    expect(stored).not.toContain(account);
    expect(stored).not.toContain(account.slice(0, 6));
    // Every exchange is in the audit log.
    const audited = await db.query(`SELECT action, partner_id FROM audit_entry WHERE action IN ('match_notice.issued', 'case_share.received', 'matches.read') AND partner_id = ANY($1)`, [[police.id, ocpb.id]]);
    expect(audited.map((row: { action: string }) => row.action)).toEqual(expect.arrayContaining(['match_notice.issued', 'case_share.received', 'matches.read']));
  });

  it('never links cases by a platform home page or a shared common name; the name only suggests', async () => {
    const name = `นาย${['สมชาย', 'วิชัย', 'อนุชา'][randomInt(3)]} ใจดี${digits(3)}`;
    const one = await complaint([{ type: 'url', value: 'https://shopee.co.th/' }, { type: 'person_name', value: name }, { type: 'phone', value: `09${digits(8)}` }]);
    const two = await complaint([{ type: 'url', value: 'https://www.shopee.co.th/?utm_source=line' }, { type: 'person_name', value: name.replace('นาย', 'Mr. ') }, { type: 'url', value: 'https://www.facebook.com/' }]);
    expect(one.subjects[0].problem).toMatchObject({ reason: 'identifies_nobody' });

    const matches = await hub.request('GET', `/v1/complaints/${one.id}/matches`, { token: staff });
    expect(matches.body.linked).toEqual([]);
    expect(matches.body.suggestions).toEqual([expect.objectContaining({ caseRef: two.referenceCode, via: [expect.objectContaining({ identifierType: 'person_name', strength: 'weak' })] })]);
    expect(matches.body.suggestions[0].score).toBeGreaterThan(0);
    expect(matches.body.suggestions[0].score).toBeLessThan(1);
    const other = await hub.request('GET', `/v1/complaints/${two.id}/matches`, { token: staff });
    expect(other.body.clusterId).not.toBe(matches.body.clusterId);
  });

  it('lets staff split a wrong link, and the split stays when the complaint is edited', async () => {
    const phone = `06${digits(8)}`;
    const a = await complaint([{ type: 'phone', value: phone }]);
    const b = await complaint([{ type: 'phone', value: phone }, { type: 'line_id', value: `shop${digits(6)}` }]);
    const before = (await hub.request('GET', `/v1/complaints/${b.id}/matches`, { token: staff })).body;
    expect(before.linked.map((entry: { complaintId: string }) => entry.complaintId)).toEqual([a.id]);
    const phoneRef = before.identifiers.find((identifier: { identifierType: string }) => identifier.identifierType === 'phone').ref;

    const refusedPartner = await hub.request('POST', `/v1/clusters/${before.clusterId}/splits`, { token: await ocpb.token(), json: { caseId: before.caseId, identifier: phoneRef } });
    expect(refusedPartner.status).toBe(403);
    const notInCluster = await hub.request('POST', `/v1/clusters/${randomUUID()}/splits`, { token: staff, json: { caseId: before.caseId, identifier: phoneRef } });
    expect(notInCluster.status).toBe(422);
    expect(notInCluster.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await hub.request('POST', `/v1/clusters/${before.clusterId}/splits`, { token: staff, json: { caseId: 'nope', identifier: 'xyz' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['caseId', 'identifier']);

    const split = await hub.request('POST', `/v1/clusters/${before.clusterId}/splits`, { token: staff, json: { caseId: before.caseId, identifier: phoneRef, reason: 'เบอร์กลางของร้านค้า' } });
    expect(split.status).toBe(201);
    expect(split.body.clusterIds).toHaveLength(2);
    const again = await hub.request('POST', `/v1/clusters/${before.clusterId}/splits`, { token: staff, json: { caseId: before.caseId, identifier: phoneRef } });
    expect([409, 422]).toContain(again.status);

    const edited = await hub.request('PATCH', `/v1/complaints/${b.id}`, { token: staff, json: { narrative: 'แก้ไขรายละเอียด: ผู้ขายเปลี่ยนชื่อเพจ' } });
    expect(edited.status).toBe(200);
    const after = (await hub.request('GET', `/v1/complaints/${b.id}/matches`, { token: staff })).body;
    expect(after.linked).toEqual([]);
    expect(after.identifiers.find((identifier: { ref: string }) => identifier.ref === phoneRef).linking).toBe(false);
    // A third complaint with the same phone joins the first, not the split one.
    const c = await complaint([{ type: 'phone', value: `+66${phone.slice(1)}` }]);
    const third = (await hub.request('GET', `/v1/complaints/${c.id}/matches`, { token: staff })).body;
    expect(third.linked.map((entry: { complaintId: string }) => entry.complaintId)).toEqual([a.id]);
  });

  it('answers unknown ids with 404 and refuses partners on staff routes and other partners\' notices', async () => {
    expect((await hub.request('GET', `/v1/clusters/${randomUUID()}`, { token: staff })).status).toBe(404);
    expect((await hub.request('GET', `/v1/complaints/${randomUUID()}/matches`, { token: staff })).status).toBe(404);
    expect((await hub.request('GET', `/v1/clusters/${randomUUID()}`, { token: await police.token() })).status).toBe(403);
    expect((await hub.request('GET', '/v1/partner/matches', { token: staff })).status).toBe(403);
    expect((await hub.request('GET', '/v1/partner/matches', { token: await police.token('referrals:read') })).status).toBe(403);
    expect((await hub.request('GET', '/v1/partner/matches')).status).toBe(401);
    const [policeNotice] = await noticesOf(police);
    expect((await hub.request('GET', `/v1/partner/match-notices/${policeNotice!.id}`, { token: await police.token() })).headers.get('content-type')).toContain('application/jose');
    const stolen = await hub.request('GET', `/v1/partner/match-notices/${policeNotice!.id}`, { token: await ocpb.token() });
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get('content-type')).toContain('application/problem+json');
  });

  it('finds who else reported an identifier while staff take a call, and says why a value identifies nobody', async () => {
    const account = digits(10);
    const known = await complaint([{ type: 'bank_account', bank: '014', value: account }]);
    const lookup = (json: Record<string, string>, token = staff) => hub.request('POST', '/v1/matches/lookup', { token, json });
    const found = await lookup({ type: 'bank_account', bank: 'ธ.ไทยพาณิชย์', value: `${account.slice(0, 3)}-${account.slice(3, 4)}-${account.slice(4, 9)}-${account.slice(9)}` });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ identifierType: 'bank_account', strength: 'strong', maskedValue: `SCB xxxxxx${account.slice(6)}` });
    expect(found.body.cases.map((entry: { complaintId: string }) => entry.complaintId)).toEqual([known.id]);
    expect((await lookup({ type: 'bank_account', bank: '004', value: account })).body.cases).toEqual([]);
    const refused = await lookup({ type: 'phone', value: '081-234-567' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'IDENTIFIER_UNUSABLE', reason: 'wrong_digit_count' });
    expect((await lookup({ type: 'nickname', value: 'x' })).status).toBe(422);
    expect((await lookup({ type: 'phone', value: '0812345678' }, await police.token())).status).toBe(403);
  });

  it('pushes a MatchNotice through the outbox to an agency with an endpoint', async () => {
    const line = `seller${digits(6)}`;
    await complaint([{ type: 'line_id', value: `https://line.me/ti/p/~${line}` }]);
    const shared = await shareCase(platform, `PLT-${digits(6)}`, [{ type: 'line_id', value: `ID: ${line.toUpperCase()}` }]);
    expect(shared.status).toBe(201);
    await endpoint.waitFor((received) => received.successes().length === 1);
    const [push] = endpoint.successes();
    expect(push!.contentType).toContain('application/jose');
    const verified = await compactVerify(push!.body, createLocalJWKSet(jwks));
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toMatchObject({
      type: 'ocx.match-notice', recipient: platform.id, matches: [expect.objectContaining({ partnerId: '1212', identifierType: 'line_id' })],
    });
    // The worker marks the message delivered once the 2xx is in.
    const deadline = Date.now() + 5_000;
    const statusOf = async (): Promise<string> => (await db.query(`SELECT status FROM outbox_message WHERE partner_id = $1 AND document_type = 'ocx.match-notice'`, [platform.id]))[0]?.status;
    while ((await statusOf()) !== 'delivered' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await statusOf()).toBe('delivered');
  });

  it("numbers every document about a referral in one stream, pulled the same as pushed, and serves what a receiver missed (§4.7)", async () => {
    const agency = await PartnerClient.register(hub);
    const investigator = await PartnerClient.register(hub);
    const phone = `08${digits(1)}${digits(7)}`;
    const first = await complaint([{ type: 'phone', value: phone }]);
    const referralId = (await hub.request('POST', `/v1/complaints/${first.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id as string;
    // The investigator's own case quoting the number: the agency hears of it in a MatchNotice about its referral.
    expect((await shareCase(investigator, `INV-${digits(6)}`, [{ type: 'phone', value: phone }])).status).toBe(201);
    const [notice] = await noticesOf(agency);
    expect(notice!.payload).toMatchObject({ yourCase: { referralId }, sequence: 2, ocxVersion: '1.1' });
    // A notice about a shared case has no referral, so no number.
    expect((await noticesOf(investigator))[0]!.payload.sequence).toBeUndefined();
    expect((await hub.request('POST', `/v1/complaints/${first.id}/amendments`, { token: staff, json: { reason: 'เพิ่มรายละเอียด', narrative: 'ผู้ขายโทรมาขอเงินเพิ่ม' } })).status).toBe(201);

    const token = await agency.token();
    const stream = await hub.request('GET', `/v1/partner/referrals/${referralId}/documents`, { token });
    expect(stream.status).toBe(200);
    expect(stream.body.lastSequence).toBe(3);
    expect(stream.body.documents.map((document: { sequence: number; type: string }) => [document.sequence, document.type])).toEqual([[1, 'ocx.referral'], [2, 'ocx.match-notice'], [3, 'ocx.referral']]);
    for (const document of stream.body.documents as Array<{ sequence: number; documentId: string; jws: string }>) {
      const payload = JSON.parse(new TextDecoder().decode((await compactVerify(document.jws, createLocalJWKSet(jwks))).payload));
      expect(payload).toMatchObject({ id: document.documentId, sequence: document.sequence });
    }
    // The pull of the referral gives the same signed version 2, numbered 3.
    const pulled = await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token });
    expect(pulled.body.document).toMatchObject({ version: 2, sequence: 3 });
    expect(pulled.body.jws).toBe(stream.body.documents[2].jws);

    const missed = await hub.request('GET', `/v1/partner/referrals/${referralId}/documents?after=1`, { token });
    expect(missed.body.documents.map((document: { sequence: number }) => document.sequence)).toEqual([2, 3]);
    expect((await hub.request('GET', `/v1/partner/referrals/${referralId}/documents?after=3`, { token })).body).toMatchObject({ lastSequence: 3, documents: [] });
    // The SDK verifies each and keeps the order.
    const viaSdk = await agency.sdk().referrals.documents(referralId, 1);
    expect(viaSdk.lastSequence).toBe(3);
    expect(viaSdk.documents.map((document) => [document.document.type, (document.document as { sequence?: number }).sequence])).toEqual([['ocx.match-notice', 2], ['ocx.referral', 3]]);
    expect((await hub.request('GET', `/v1/partner/referrals/${referralId}/documents?after=-1`, { token })).status).toBe(422);
    expect((await hub.request('GET', `/v1/partner/referrals/${referralId}/documents?after=two`, { token })).status).toBe(422);
    const stranger = await hub.request('GET', `/v1/partner/referrals/${referralId}/documents`, { token: await investigator.token() });
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    // Three reads by hand and one through the SDK, each in the audit log.
    const reads = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'referral.documents_read' AND subject_id = $1 AND outcome = 'ok'`, [referralId]);
    expect(reads[0].n).toBe(4);
  });

  it("never links through an official number or site on the warning list; staff see whose it is; admins keep the list, audited", async () => {
    const admin = await hub.token('admin');
    // Two victims quote KBank's call centre (listed from the start) and a bank's site; nothing else in common.
    const first = await complaint([{ type: 'phone', value: 'เบอร์ 02-888-8888' }, { type: 'url', value: 'https://www.kasikornbank.com/th/personal' }]);
    const second = await complaint([
      { type: 'phone', value: '+66 2 888 8888 (K-Contact)' }, { type: 'url', value: 'kasikornbank.com' }, { type: 'url', value: 'https://www.rd.go.th/' },
      // An address at a listed domain is the organisation's as its site is.
      { type: 'email', value: 'contact@rd.go.th' },
    ]);
    const matches = await hub.request('GET', `/v1/complaints/${second.id}/matches`, { token: staff });
    expect(matches.body.linked).toEqual([]);
    const lookup = await hub.request('POST', '/v1/matches/lookup', { token: staff, json: { type: 'phone', value: '02-888-8888' } });
    expect(lookup.body).toMatchObject({ cases: [], clusterId: null, official: { label: expect.stringContaining('K-Contact Center'), source: expect.stringContaining('kasikornbank.com') } });
    const shown = await hub.request('GET', `/v1/complaints/${second.id}`, { token: staff });
    expect(shown.body.subjects.map((subject: { official?: { label: string } }) => Boolean(subject.official))).toEqual([true, true, true, true]);
    expect(first.id).not.toBe(second.id);

    // Every Thai bank's call-centre landline is listed from the start, not only KBank's.
    const krungsri = [await complaint([{ type: 'phone', value: 'โทร 02-626-2626 (กรุงศรี)' }]), await complaint([{ type: 'phone', value: '026262626' }])];
    expect((await hub.request('GET', `/v1/complaints/${krungsri[1]!.id}/matches`, { token: staff })).body.linked).toEqual([]);
    for (const [value, name] of [['02-299-1111', 'ttb'], ['02-555-0555', 'BAAC'], ['02-285-1555', 'UOB'], ['https://www.cimbthai.com/th/personal', 'CIMB']]) {
      const official = await hub.request('POST', '/v1/matches/lookup', { token: staff, json: { type: value.startsWith('http') ? 'url' : 'phone', value } });
      expect(official.body.official).toMatchObject({ label: expect.stringContaining(name) });
    }

    // An admin lists another number: from then on it links nothing; staff may read the list, not change it.
    const number = `02-${digits(3)}-${digits(4)}`;
    const entry = { type: 'phone', value: number, label: 'ศูนย์บริการลูกค้า ธนาคารทดสอบ', source: 'https://bank.example/contact' };
    expect((await hub.request('POST', '/v1/warning-list', { token: staff, json: entry })).status).toBe(403);
    expect((await hub.request('POST', '/v1/warning-list', { json: entry })).status).toBe(401);
    expect((await hub.request('POST', '/v1/warning-list', { token: admin, json: { ...entry, value: '081-234-567' } })).body.code).toBe('WARNING_ENTRY_INVALID');
    expect((await hub.request('POST', '/v1/warning-list', { token: admin, json: { ...entry, scope: 'domain' } })).status).toBe(422);
    const added = await hub.request('POST', '/v1/warning-list', { token: admin, json: entry });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'phone', scope: 'exact', createdBy: expect.any(String), removedAt: null });
    expect((await hub.request('POST', '/v1/warning-list', { token: admin, json: { ...entry, value: number.replace(/-/g, '') } })).status).toBe(409);
    const quoting = async () => complaint([{ type: 'phone', value: number }]);
    const [one, two] = [await quoting(), await quoting()];
    expect((await hub.request('GET', `/v1/complaints/${two.id}/matches`, { token: staff })).body.linked).toEqual([]);
    expect(one.id).not.toBe(two.id);
    const list = await hub.request('GET', '/v1/warning-list', { token: staff });
    expect(list.body.entries.map((listed: { id: string }) => listed.id)).toContain(added.body.id);

    // Taken off the list (kept, with who and why): new complaints quoting it link again.
    expect((await hub.request('POST', `/v1/warning-list/${added.body.id}/removal`, { token: admin, json: {} })).status).toBe(422);
    const removed = await hub.request('POST', `/v1/warning-list/${added.body.id}/removal`, { token: admin, json: { reason: 'เลขนี้ธนาคารเลิกใช้แล้ว' } });
    expect(removed.status).toBe(201);
    expect(removed.body).toMatchObject({ removalReason: 'เลขนี้ธนาคารเลิกใช้แล้ว', removedAt: expect.any(String) });
    expect((await hub.request('POST', `/v1/warning-list/${added.body.id}/removal`, { token: admin, json: { reason: 'again' } })).status).toBe(404);
    const [three, four] = [await quoting(), await quoting()];
    expect((await hub.request('GET', `/v1/complaints/${four.id}/matches`, { token: staff })).body.linked.map((entry: { complaintId: string }) => entry.complaintId)).toEqual([three.id]);
    const everything = await hub.request('GET', '/v1/warning-list?includeRemoved=true', { token: admin });
    expect(everything.body.entries.find((listed: { id: string }) => listed.id === added.body.id)).toMatchObject({ removalReason: 'เลขนี้ธนาคารเลิกใช้แล้ว' });
    const audited = await db.query(`SELECT action FROM audit_entry WHERE subject_id = $1 ORDER BY seq`, [added.body.id]);
    expect(audited.map((row: { action: string }) => row.action)).toEqual(['warning_list.added', 'warning_list.removed']);
  });

  it('reports identifiers that identify nobody in a CaseShare and indexes the rest', async () => {
    const response = await shareCase(police, `ปอท.${digits(4)}/${digits(5)}`, [
      { type: 'phone', value: '081-234-567' },
      { type: 'url', value: 'https://www.lazada.co.th/' },
      { type: 'line_id', value: `ID: Shop${digits(5)}` },
    ]);
    expect(response.status).toBe(201);
    expect(response.body.indexed).toBe(1);
    expect(response.body.unusable.map((entry: { index: number; reason: string }) => [entry.index, entry.reason])).toEqual([[0, 'wrong_digit_count'], [1, 'identifies_nobody']]);
  });

  it('records a refused CaseShare in the audit log, naming the partner and the reason', async () => {
    // A document that breaks the schema: no subjects.
    const refused = await shareCase(police, `ปอท.${digits(4)}/${digits(5)}`, []);
    expect(refused.status).toBe(422);
    const [entry] = await db.query(`SELECT outcome, details FROM audit_entry WHERE action = 'case_share.refused' AND partner_id = $1 ORDER BY seq DESC LIMIT 1`, [police.id]);
    expect(entry).toEqual({ outcome: 'refused', details: { code: refused.body.code } });
  });
});

describe('complaints recorded at the same moment by two hub processes', () => {
  it('end in one cluster when they link, each batch reading what the batch before it committed', async () => {
    const databaseUrl = await TestDatabase.createIsolated('intake-race');
    const hubs = [await TestHub.start({ databaseUrl }), await TestHub.start({ databaseUrl })];
    const db = TestDatabase.open(databaseUrl);
    try {
      const tokens = await Promise.all(hubs.map((hub) => hub.token('staff', 'somchai')));
      // A chain: complaint i quotes phones i and i + 1, and neighbours go to different processes. A batch that probed
      // before the one ahead of it committed would start a cluster of its own, and the chain would stay broken.
      const phones = Array.from({ length: 61 }, (_, index) => `02-${String(100 + index)}-${digits(4)}`);
      const responses = await Promise.all(phones.slice(0, 60).map((phone, index) => hubs[index % 2]!.request('POST', '/v1/complaints', {
        token: tokens[index % 2]!,
        json: aComplaint({ subjects: [{ type: 'phone', value: phone }, { type: 'phone', value: phones[index + 1]! }] }),
      })));
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
      const clusters = await db.query<{ clusters: number; cases: number }>(`SELECT count(DISTINCT cluster_id)::int AS clusters, count(*)::int AS cases FROM match_case`);
      expect(clusters).toEqual([{ clusters: 1, cases: 60 }]);
    } finally {
      await Promise.all(hubs.map((hub) => hub.stop()));
      await db.close();
    }
  });
});

describe("a hub process's memory of the clusters, behind another process's back", () => {
  it('links through what the other process wrote since, and after a restart', async () => {
    const databaseUrl = await TestDatabase.createIsolated('intake-memory');
    const hubs = [await TestHub.start({ databaseUrl }), await TestHub.start({ databaseUrl })];
    const [first, second] = hubs as [TestHub, TestHub];
    const db = TestDatabase.open(databaseUrl);
    const tokens = new Map<TestHub, string>();
    const record = async (hub: TestHub, ...phones: string[]): Promise<string> => {
      if (!tokens.has(hub)) tokens.set(hub, await hub.token('staff', 'somchai'));
      const response = await hub.request('POST', '/v1/complaints', { token: tokens.get(hub)!, json: aComplaint({ subjects: phones.map((value) => ({ type: 'phone', value })) }) });
      expect(response.status).toBe(201);
      return (response.body as { id: string }).id;
    };
    const clusterOf = async (complaintIds: readonly string[]): Promise<string[]> =>
      (await db.query<{ cluster_id: string }>(`SELECT DISTINCT cluster_id FROM match_case WHERE complaint_id = ANY($1::uuid[])`, [complaintIds])).map((row) => row.cluster_id);
    const phone = (): string => `02-${digits(3)}-${digits(4)}`;
    try {
      const [p, q, r] = [phone(), phone(), phone()];
      const recorded: string[] = [];
      // The first process remembers p's cluster; the second has never seen p, and its filter says nobody holds it.
      recorded.push(await record(first, p), await record(first, p));
      recorded.push(await record(second, p, q));
      // q was written by the second process: the first takes it for a number nobody holds, and its write finds out.
      recorded.push(await record(first, q));
      expect(await clusterOf(recorded)).toHaveLength(1);
      const [before] = await clusterOf(recorded);

      // The second process grows a larger cluster on r, then bridges it to p's: p's cluster takes r's id, and the
      // first process still remembers p in the one that merged away.
      const onR = [await record(second, r), await record(second, r), await record(second, r), await record(second, r), await record(second, r)];
      recorded.push(...onR, await record(second, r, p));
      const [merged] = await clusterOf(recorded);
      expect(await clusterOf(recorded)).toEqual([merged]);
      expect(merged).not.toBe(before);
      recorded.push(await record(first, p));
      expect(await clusterOf(recorded)).toEqual([merged]);

      // A process started afresh loads the filter of what is stored.
      await first.stop();
      hubs[0] = await TestHub.start({ databaseUrl });
      recorded.push(await record(hubs[0]!, q), await record(hubs[0]!, phone()));
      const clusters = await clusterOf(recorded);
      expect(clusters).toHaveLength(2);
      expect(clusters).toContain(merged);
    } finally {
      await Promise.all(hubs.map((hub) => hub.stop()));
      await db.close();
    }
  });
});

describe("matching's probe and its check, in the database", () => {
  let databaseUrl: string;
  let db: TestDatabase;
  const hash = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(32);
  const bytea = (hex: string): string => `\\x${hex}`;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('matching-probe');
    const hub = await TestHub.start({ databaseUrl });
    await hub.stop();
    db = TestDatabase.open(databaseUrl);
    // Cluster A holds hash 01 (one case by 1212, one by a police agency); hash 02 is held by nobody.
    const cluster = randomUUID();
    for (const [holder, caseRef] of [['1212', 'A-1'], ['police', 'A-2']]) {
      const [{ id }] = await db.query(`INSERT INTO match_case (id, holder, case_ref, category, reported_at, cluster_id) VALUES ($1, $2, $3, 'shopping', now(), $4) RETURNING id`, [randomUUID(), holder, caseRef, cluster]);
      await db.query(`INSERT INTO match_identifier (case_id, blind_index, kind, strength, masked) VALUES ($1, $2, 'phone', 'strong', '08x')`, [id, bytea(hash(1))]);
      await db.query(`INSERT INTO match_cluster_agency (cluster_id, agency) VALUES ($1, $2)`, [cluster, holder]);
    }
  });

  afterAll(async () => {
    await db.close();
  });

  const unchanged = async (expected: unknown): Promise<boolean> =>
    (await db.query(`SELECT match_holders_unchanged($1::bytea[], $2::jsonb, 1) AS unchanged`, [[bytea(hash(1)), bytea(hash(2))], expected === null ? null : JSON.stringify(expected)]))[0].unchanged;

  it('finds the one cluster that holds each hash, with its agencies, and nothing for a hash nobody holds', async () => {
    const found = await db.query(`SELECT hex, cluster_id, agencies FROM match_clusters_holding($1::bytea[], NULL)`, [[bytea(hash(1)), bytea(hash(2))]]);
    expect(found).toEqual([{ hex: hash(1), cluster_id: expect.any(String), agencies: expect.arrayContaining(['1212', 'police']) }]);
  });

  it('holds only while every hash is held by the cluster probed, with the same agencies in any order', async () => {
    const [probed] = await db.query(`SELECT hex, cluster_id, agencies FROM match_clusters_holding($1::bytea[], NULL)`, [[bytea(hash(1))]]);
    expect(await unchanged([probed])).toBe(true);
    expect(await unchanged([{ ...probed, agencies: [...probed.agencies].reverse() }])).toBe(true);
    expect(await unchanged([{ ...probed, cluster_id: randomUUID() }])).toBe(false);
    expect(await unchanged([{ ...probed, agencies: ['1212'] }])).toBe(false);
    expect(await unchanged([])).toBe(false);
    expect(await unchanged([probed, { hex: hash(2), cluster_id: randomUUID(), agencies: ['1212'] }])).toBe(false);
    // A transaction that probed under the lock checks nothing.
    expect(await unchanged(null)).toBe(true);
  });
});

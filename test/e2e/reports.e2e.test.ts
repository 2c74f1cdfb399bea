import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createHash, randomUUID } from 'node:crypto';
import { aComplaint, randomDigits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { PartnerClient } from '../support/partner-client.js';
import { signAsPartner, aStatusEvent } from '../support/signed-documents.js';

/** An instant written as Bangkok wall time. */
const bangkok = (wall: string): Date => new Date(`${wall}+07:00`);
/** The hub's clock runs on after it is moved: an instant read a few milliseconds after `instant`. */
const soon = (instant: Date): unknown => expect.stringMatching(new RegExp(`^${instant.toISOString().slice(0, 19)}\\.\\d{3}Z$`));

describe('reports: a known month of complaints, referrals and answers, figure by figure and file by file', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let staff: string;
  let admin: string;
  let auditor: string;
  let agencyA: PartnerClient;
  let agencyB: PartnerClient;
  const referenceCodes: Record<string, string> = {};
  const referrals: Record<string, string> = {};

  async function setClock(instant: Date): Promise<void> {
    const moved = await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: instant.toISOString() } });
    expect(moved.status).toBe(200);
  }

  async function complaint(name: string, receivedAt: string, overrides: Record<string, unknown>): Promise<string> {
    const created = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ receivedAt: bangkok(receivedAt).toISOString(), ...overrides }) });
    if (created.status !== 201) throw new Error(`complaint ${name} refused: ${created.text}`);
    referenceCodes[name] = created.body.referenceCode;
    return created.body.id;
  }

  async function dispatch(complaintId: string, agencies: PartnerClient[], at: string, names: string[]): Promise<void> {
    await setClock(bangkok(at));
    const dispatched = await hub.request('POST', `/v1/complaints/${complaintId}/referrals`, { token: staff, json: { partners: agencies.map((agency) => agency.id) } });
    expect(dispatched.status).toBe(201);
    agencies.forEach((agency, index) => {
      referrals[names[index]!] = dispatched.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === agency.id).id;
    });
  }

  /** The agency's signed StatusEvent, sent when the hub's clock reads `at`, and dated then. */
  async function answer(agency: PartnerClient, referral: string, at: string, event: Record<string, unknown>): Promise<void> {
    await setClock(bangkok(at));
    const document = aStatusEvent(agency.id, { referralId: referrals[referral], issuedAt: bangkok(at).toISOString(), ...event });
    const jws = await signAsPartner(agency.privateJwk, document, { kid: agency.kid });
    const posted = await agency.postEvent(await agency.token(), referrals[referral]!, jws);
    if (posted.status !== 201) throw new Error(`event ${referral} ${String(event.status)} refused: ${posted.text}`);
  }

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('reports');
    db = TestDatabase.open(databaseUrl);
    hub = await TestHub.start({ databaseUrl, env: { CLOCK_CONTROL: 'true', REPORTS_DASHBOARD_CACHE_SECONDS: '0', AUDIT_SEQUENCE_POLL_MS: '50' } });
    staff = await hub.token('staff', 'supervisor-malee');
    admin = await hub.token('admin');
    auditor = await hub.token('auditor');
    agencyA = await PartnerClient.register(hub, { nameTh: 'หน่วยงานทดสอบเอ', categories: ['shopping', 'illegal_website'], serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 7 } });
    agencyB = await PartnerClient.register(hub, { nameTh: 'หน่วยงานทดสอบบี', categories: ['shopping', 'illegal_website'], serviceLevel: { acknowledgeWithinHours: 48, resolveWithinDays: 14 } });

    // October 2026 in Bangkok: seven complaints inside it, one on each side of its edges.
    const scammerPhone = `08${randomDigits(1)}-${randomDigits(3)}-${randomDigits(4)}`;
    const shopPhone = `08${randomDigits(1)}-${randomDigits(3)}-${randomDigits(4)}`;
    const c1 = await complaint('C1', '2026-10-01T09:00:00', { subjects: [{ type: 'phone', value: scammerPhone }] });
    const c2 = await complaint('C2', '2026-10-02T10:00:00', { subjects: [{ type: 'phone', value: shopPhone }] });
    const c3 = await complaint('C3', '2026-10-03T11:00:00', { subjects: [{ type: 'phone', value: shopPhone }] });
    const c4 = await complaint('C4', '2026-10-10T12:00:00', {});
    const c5 = await complaint('C5', '2026-10-20T13:00:00', { channel: 'web' });
    const c6 = await complaint('C6', '2026-10-31T23:30:00', { channel: 'web', subCategory: 'damaged' });
    const c7 = await complaint('C7', '2026-10-15T08:00:00', { category: 'illegal_website', subCategory: 'investment_scam', subjects: [{ type: 'phone', value: scammerPhone }] });
    await complaint('X1', '2026-09-30T23:30:00', {});
    await complaint('X2', '2026-11-01T00:00:00', { channel: 'web' });

    await dispatch(c1, [agencyA, agencyB], '2026-10-01T10:00:00', ['R1', 'R8']);
    await dispatch(c2, [agencyA], '2026-10-02T11:00:00', ['R2']);
    await dispatch(c3, [agencyA], '2026-10-03T12:00:00', ['R3']);
    await dispatch(c4, [agencyA], '2026-10-10T13:00:00', ['R4']);
    await dispatch(c5, [agencyA], '2026-10-20T14:00:00', ['R5']);
    await dispatch(c7, [agencyB], '2026-10-15T09:00:00', ['R7']);
    // Received in October, dispatched in November: a complaint of October, a referral of November.
    await dispatch(c6, [agencyA], '2026-11-01T00:30:00', ['R6']);

    await answer(agencyA, 'R1', '2026-10-01T12:00:00', { status: 'acknowledged' });
    await answer(agencyA, 'R1', '2026-10-03T10:00:00', { status: 'resolved', resolution: { summary: 'ไกล่เกลี่ยสำเร็จ ผู้ขายคืนเงินเต็มจำนวน', outcome: 'money_returned', amountRecovered: { amountSatang: 159000, currency: 'THB' } } });
    await answer(agencyA, 'R2', '2026-10-02T15:00:00', { status: 'acknowledged' });
    await answer(agencyA, 'R2', '2026-10-12T11:00:00', { status: 'resolved', resolution: { summary: 'ผู้ขายจัดส่งสินค้าให้ผู้ร้องแล้ว', outcome: 'goods_delivered' } });
    await answer(agencyA, 'R3', '2026-10-04T18:00:00', { status: 'acknowledged' });
    await answer(agencyA, 'R3', '2026-10-05T09:00:00', { status: 'in_progress', note: 'กำลังติดต่อผู้ขาย' });
    await answer(agencyA, 'R4', '2026-10-10T19:00:00', { status: 'acknowledged' });
    await answer(agencyA, 'R4', '2026-10-11T09:00:00', { status: 'info_requested', requestedInformation: [{ kind: 'evidence', description: 'ขอสลิปการโอนเงิน' }] });
    await answer(agencyA, 'R5', '2026-10-20T22:00:00', { status: 'acknowledged' });
    await answer(agencyA, 'R5', '2026-10-21T10:00:00', { status: 'rejected', reason: 'ไม่อยู่ในอำนาจหน้าที่' });
    await answer(agencyB, 'R7', '2026-10-17T11:00:00', { status: 'acknowledged' });
    await answer(agencyB, 'R7', '2026-10-18T10:00:00', { status: 'transferred', transferTo: agencyA.id });
    await answer(agencyB, 'R8', '2026-10-01T20:00:00', { status: 'acknowledged' });
    await answer(agencyB, 'R8', '2026-10-05T10:00:00', { status: 'resolved', resolution: { summary: 'ให้คำแนะนำผู้ร้องเรื่องการแจ้งความ', outcome: 'advice_given' } });

    // The figures are asked on 5 November.
    await setClock(bangkok('2026-11-05T12:00:00'));
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  it("gives every figure of the month exactly on the dashboard (staff, unsuppressed)", async () => {
    const response = await hub.request('GET', '/v1/reports/dashboard?period=month&date=2026-10-15', { token: staff });
    expect(response.status).toBe(200);
    const figures = response.body;
    expect(figures).toMatchObject({
      reportVersion: '1.0',
      period: { kind: 'month', key: '2026-10', start: '2026-09-30T17:00:00.000Z', end: '2026-10-31T17:00:00.000Z', labelTh: 'ตุลาคม 2569', labelEn: 'October 2026' },
      agency: null,
      suppressed: false,
    });
    // As of the hub's clock, which moved to 5 November and runs on from there.
    expect(Date.parse(figures.generatedAt) - bangkok('2026-11-05T12:00:00').getTime()).toBeLessThan(60_000);
    expect(figures.headline).toEqual({
      complaints: 7, referrals: 7, acknowledged: 7, acknowledgedInTimeShare: 0.7143, resolved: 3, closedInTimeShare: 0.5714, overdue: 3,
      successCases: 2, amountRecoveredSatang: '159000', informationRequests: 1, transfersRequested: 1, takedownRequests: 0, duplicateCasesLinked: 4,
    });
    expect(figures.complaintsByChannel).toEqual([{ channel: 'hotline', complaints: 5 }, { channel: 'web', complaints: 2 }]);
    expect(figures.complaintsByCategory).toEqual([{ category: 'illegal_website', complaints: 1 }, { category: 'shopping', complaints: 6 }]);
    expect(figures.complaintsBySubCategory).toEqual([
      { category: 'illegal_website', subCategory: 'investment_scam', complaints: 1 },
      { category: 'shopping', subCategory: 'damaged', complaints: 1 },
      { category: 'shopping', subCategory: 'not_received', complaints: 5 },
    ]);
    const byAgency = (rows: Array<{ partnerId: string }>): Record<string, unknown> => Object.fromEntries(rows.map((row) => [row.partnerId, row]));
    expect(byAgency(figures.referralsByAgency)).toEqual({
      [agencyA.id]: expect.objectContaining({ referrals: 5, byStatus: { dispatched: 0, delivered: 0, acknowledged: 0, in_progress: 1, info_requested: 1, resolved: 2, rejected: 1, transferred: 0, retracted: 0 } }),
      [agencyB.id]: expect.objectContaining({ referrals: 2, byStatus: { dispatched: 0, delivered: 0, acknowledged: 0, in_progress: 0, info_requested: 0, resolved: 1, rejected: 0, transferred: 1, retracted: 0 } }),
    });
    // A: answers after 2, 4, 30, 6 and 8 hours (one past its 24 h); resolved after 2 and 10 days (one past its 7).
    // B: answers after 10 and 50 hours (one past its 48 h); resolved after 4 days.
    expect(byAgency(figures.serviceLevels)).toEqual({
      [agencyA.id]: {
        partnerId: agencyA.id, nameTh: 'หน่วยงานทดสอบเอ', nameEn: expect.any(String), slaAcknowledgeHours: 24, slaResolveDays: 7,
        referrals: 5, acknowledged: 5, acknowledgeMedianHours: 6, acknowledgeP90Hours: 21.2, acknowledgedInTimeShare: 0.8,
        resolved: 2, resolveMedianDays: 6, resolveP90Days: 9.2, closedInTimeShare: 0.4, overdue: 3, overdueOpen: 2,
      },
      [agencyB.id]: {
        partnerId: agencyB.id, nameTh: 'หน่วยงานทดสอบบี', nameEn: expect.any(String), slaAcknowledgeHours: 48, slaResolveDays: 14,
        referrals: 2, acknowledged: 2, acknowledgeMedianHours: 30, acknowledgeP90Hours: 46, acknowledgedInTimeShare: 0.5,
        resolved: 1, resolveMedianDays: 4, resolveP90Days: 4, closedInTimeShare: 1, overdue: 0, overdueOpen: 0,
      },
    });
    expect(byAgency(figures.informationRequestsAndTransfers)).toEqual({
      [agencyA.id]: { partnerId: agencyA.id, nameTh: 'หน่วยงานทดสอบเอ', informationRequests: 1, awaitingInformation: 1, transfersRequested: 0, transfersConfirmed: 0 },
      [agencyB.id]: { partnerId: agencyB.id, nameTh: 'หน่วยงานทดสอบบี', informationRequests: 0, awaitingInformation: 0, transfersRequested: 1, transfersConfirmed: 0 },
    });
    expect(figures.outcomes).toEqual(expect.arrayContaining([
      { partnerId: agencyA.id, nameTh: 'หน่วยงานทดสอบเอ', outcome: 'goods_delivered', referrals: 1, amountRecoveredSatang: '0' },
      { partnerId: agencyA.id, nameTh: 'หน่วยงานทดสอบเอ', outcome: 'money_returned', referrals: 1, amountRecoveredSatang: '159000' },
      { partnerId: agencyB.id, nameTh: 'หน่วยงานทดสอบบี', outcome: 'advice_given', referrals: 1, amountRecoveredSatang: '0' },
    ]));
    expect(figures.outcomes).toHaveLength(3);
    expect(figures.successCases).toEqual({
      total: 2,
      cases: [
        { partnerId: agencyA.id, referenceCode: referenceCodes.C1, category: 'shopping', subCategory: 'not_received', resolvedAt: soon(bangkok('2026-10-03T10:00:00')), outcome: 'money_returned', amountRecoveredSatang: 159000, note: 'ไกล่เกลี่ยสำเร็จ ผู้ขายคืนเงินเต็มจำนวน' },
        { partnerId: agencyA.id, referenceCode: referenceCodes.C2, category: 'shopping', subCategory: 'not_received', resolvedAt: soon(bangkok('2026-10-12T11:00:00')), outcome: 'goods_delivered', amountRecoveredSatang: null, note: 'ผู้ขายจัดส่งสินค้าให้ผู้ร้องแล้ว' },
      ],
    });
    expect(figures.takedowns).toEqual([]);
    // C1 and C7 quote one scammer's phone (agencies A and B hold them), C2 and C3 one shop's (A alone).
    expect(figures.duplicates).toEqual({ cases: 7, casesLinked: 4, clusters: 2, crossAgencyClusters: 1, matchNotices: 0 });
    expect(figures.trend.step).toBe('day');
    expect(figures.trend.points).toHaveLength(31);
    const day = (date: string) => figures.trend.points.find((point: { at: string }) => point.at === `${date}T00:00`);
    expect(day('2026-10-01')).toEqual({ at: '2026-10-01T00:00', complaints: 1, referrals: 2, resolved: 2 });
    expect(day('2026-10-02')).toEqual({ at: '2026-10-02T00:00', complaints: 1, referrals: 1, resolved: 1 });
    expect(day('2026-10-15')).toEqual({ at: '2026-10-15T00:00', complaints: 1, referrals: 1, resolved: 0 });
    expect(day('2026-10-31')).toEqual({ at: '2026-10-31T00:00', complaints: 1, referrals: 0, resolved: 0 });
    expect(day('2026-10-25')).toEqual({ at: '2026-10-25T00:00', complaints: 0, referrals: 0, resolved: 0 });
  });

  it("gives a partner its own agency's dashboard alone", async () => {
    const token = await agencyB.token();
    const own = await hub.request('GET', '/v1/reports/dashboard?period=month&date=2026-10-15', { token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ agency: agencyB.id, complaintsByChannel: null, duplicates: null, headline: { complaints: null, referrals: 2, resolved: 1, successCases: 0 } });
    expect(own.body.serviceLevels.map((row: { partnerId: string }) => row.partnerId)).toEqual([agencyB.id]);
    expect(own.body.trend.points.every((point: { complaints: null }) => point.complaints === null)).toBe(true);
    const other = await hub.request('GET', `/v1/reports/dashboard?period=month&date=2026-10-15&agency=${agencyA.id}`, { token });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    // Staff may look at one agency's page.
    const asStaff = await hub.request('GET', `/v1/reports/dashboard?period=month&date=2026-10-15&agency=${agencyA.id}`, { token: staff });
    expect(asStaff.body.headline).toMatchObject({ referrals: 5, successCases: 2 });
    // A partner's token reads no report file.
    expect((await hub.request('GET', '/v1/reports/month?date=2026-10-15', { token })).status).toBe(403);
  });

  it('suppresses small counts in the file that leaves the hub, with a second cell where one alone would show', async () => {
    const response = await hub.request('GET', '/v1/reports/month?date=2026-10-15&format=json', { token: auditor });
    expect(response.status).toBe(200);
    expect(response.headers.get('ocx-report-version')).toBe('computed');
    const figures = JSON.parse(response.text);
    expect(figures.suppressed).toBe(true);
    // web (2) is under 5, and hotline (5) would give it back from the total: both go.
    expect(figures.complaintsByChannel).toEqual([{ channel: 'hotline', complaints: null }, { channel: 'web', complaints: null }]);
    expect(figures.complaintsBySubCategory.map((row: { complaints: number | null }) => row.complaints)).toEqual([null, null, 5]);
    expect(figures.headline.complaints).toBe(7);
    const serviceA = figures.serviceLevels.find((row: { partnerId: string }) => row.partnerId === agencyA.id);
    // Five answers: a median can be told; two resolutions: not.
    expect(serviceA).toMatchObject({ acknowledgeMedianHours: 6, resolveMedianDays: null, resolveP90Days: null, acknowledgedInTimeShare: 0.8 });
    expect(figures.outcomes.every((row: { referrals: number | null }) => row.referrals === null)).toBe(true);
  });

  let run: { version: number; files: Array<{ format: string; sha256: string; sizeBytes: number; href: string }> };

  it('keeps a regenerated report in the object store with its SHA-256, lists it, and serves it byte for byte', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM report_run'))[0].n;
    const generated = await hub.request('POST', '/v1/reports/month/runs?date=2026-10-15', { token: staff });
    expect(generated.status).toBe(201);
    expect(generated.body).toMatchObject({ kind: 'month', period: '2026-10', state: 'ready', trigger: 'request', requestedBy: 'supervisor-malee' });
    run = generated.body;
    expect(run.files.map((file) => file.format)).toEqual(['json', 'pptx', 'xlsx']);
    expect((await db.query('SELECT count(*)::int AS n FROM report_run'))[0].n).toBe(before + 1);

    const listed = await hub.request('GET', '/v1/reports?kind=month&period=2026-10', { token: auditor });
    expect(listed.status).toBe(200);
    expect(listed.body.runs[0]).toEqual(run);

    for (const file of run.files) {
      const fetched = await fetch(hub.baseUrl + file.href, { headers: { authorization: `Bearer ${auditor}` } });
      expect(fetched.status).toBe(200);
      const bytes = Buffer.from(await fetched.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.length).toBe(file.sizeBytes);
      expect(fetched.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
      expect(fetched.headers.get('ocx-report-version')).toBe(String(run.version));
    }
    // Each kept file's hash is in the audit log, so a report ETDA received can be proven to be this one.
    const entries = await hub.request('GET', `/v1/audit/entries?action=report.generated&subjectType=report`, { token: auditor });
    const hashes = entries.body.entries.map((entry: { documentSha256: string }) => entry.documentSha256);
    expect(hashes).toEqual(expect.arrayContaining(run.files.map((file) => file.sha256)));
    expect((await hub.request('POST', '/v1/audit/log/checkpoints', { token: admin })).status).toBe(201);
    const xlsx = run.files.find((file) => file.format === 'xlsx')!;
    const proof = await hub.request('GET', `/v1/audit/log/proofs/inclusion?documentSha256=${xlsx.sha256}`, { token: auditor });
    expect(proof.status).toBe(200);
  });

  it('writes a workbook with a sheet per table, Thai headers, typed cells and frozen header rows', async () => {
    const xlsx = run.files.find((file) => file.format === 'xlsx')!;
    const bytes = Buffer.from(await (await fetch(hub.baseUrl + xlsx.href, { headers: { authorization: `Bearer ${staff}` } })).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['รายงาน', 'ตัวเลขสำคัญ', 'ระดับการให้บริการของหน่วยงาน', 'กรณีสำเร็จ', 'แนวโน้ม']));
    const service = workbook.getWorksheet('ระดับการให้บริการของหน่วยงาน')!;
    expect(service.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (service.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['หน่วยงาน', 'ตอบรับภายในกำหนด', 'เวลาตอบรับ มัธยฐาน (ชั่วโมง)']));
    const column = (name: string): number => header.indexOf(name) + 1;
    const rowOf = (partnerId: string) => service.getRows(2, service.rowCount - 1)!.find((row) => row.getCell(1).value === partnerId)!;
    const a = rowOf(agencyA.id);
    expect(a.getCell(column('เรื่องที่ได้รับ')).value).toBe(5);
    expect(a.getCell(column('ตอบรับภายในกำหนด')).value).toBe(0.8);
    expect(a.getCell(column('ตอบรับภายในกำหนด')).numFmt).toBe('0.0%');
    expect(a.getCell(column('เวลาตอบรับ P90 (ชั่วโมง)')).value).toBe(21.2);
    expect(a.getCell(column('เกินกำหนด')).value).toBe(3);
    const success = workbook.getWorksheet('กรณีสำเร็จ')!;
    const first = success.getRow(2);
    expect(first.getCell(1).value).toBe(referenceCodes.C1);
    expect(first.getCell(5).value).toBeInstanceOf(Date);
    expect(first.getCell(7).value).toBe(1590);
    expect(first.getCell(8).value).toBe('ไกล่เกลี่ยสำเร็จ ผู้ขายคืนเงินเต็มจำนวน');
    const channels = workbook.getWorksheet('เรื่องร้องเรียนตามช่องทาง')!;
    expect(channels.getRow(2).getCell(3).value).toBe('<5');
    expect(channels.getRow(1).font?.name).toBe('Tahoma');
  });

  it('writes a deck with a title slide, headline numbers, charts and the success cases, in Thai', async () => {
    const pptx = run.files.find((file) => file.format === 'pptx')!;
    const bytes = Buffer.from(await (await fetch(hub.baseUrl + pptx.href, { headers: { authorization: `Bearer ${staff}` } })).arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const slides = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    const text = await Promise.all(slides.map((name) => zip.file(name)!.async('string')));
    expect(text[0]).toContain('รายงานประจำเดือน ตุลาคม 2569');
    expect(text[0]).toContain('Tahoma');
    const all = text.join('\n');
    expect(all).toContain('ตัวเลขสำคัญ');
    expect(all).toContain('>7<'); // complaints received
    expect(all).toContain('71.4%'); // acknowledged in time
    expect(all).toContain('1,590.00 บาท');
    expect(all).toContain(referenceCodes.C1);
    expect(all).toContain('ผู้ขายจัดส่งสินค้าให้ผู้ร้องแล้ว');
    const charts = Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    const chartXml = (await Promise.all(charts.map((name) => zip.file(name)!.async('string')))).join('\n');
    expect(chartXml).toContain('หน่วยงานทดสอบเอ');
    expect(chartXml).toContain('ตอบรับภายในกำหนด');
  });

  it('cuts a CSV table from the kept report', async () => {
    const response = await hub.request('GET', '/v1/reports/month?date=2026-10-15&format=csv&table=service_levels', { token: auditor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = response.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header!.split(',')).toEqual(expect.arrayContaining(['partnerId', 'acknowledgedInTimeShare', 'overdueOpen']));
    expect(rows.find((row) => row.startsWith(agencyA.id))).toContain(',0.8,');
  });

  it('refuses what it cannot give, with a problem, and writes nothing', async () => {
    const before = (await db.query('SELECT (SELECT count(*) FROM report_run)::int AS runs, (SELECT count(*) FROM report_file)::int AS files'))[0];
    const problem = async (method: string, path: string, token: string | undefined, status: number, code?: string): Promise<void> => {
      const response = await hub.request(method, path, token ? { token } : {});
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      if (code) expect(response.body.code).toBe(code);
    };
    await problem('GET', '/v1/reports/month?date=2026-10-15', undefined, 401);
    await problem('POST', '/v1/reports/month/runs?date=2026-10-15', undefined, 401);
    await problem('POST', '/v1/reports/month/runs?date=2026-10-15', auditor, 403);
    await problem('GET', '/v1/reports/month?date=2026-02-30', staff, 422, 'REPORT_PERIOD_INVALID');
    await problem('GET', '/v1/reports/month?date=October', staff, 422);
    await problem('GET', '/v1/reports/month?format=csv', staff, 422, 'REPORT_TABLE_REQUIRED');
    await problem('GET', '/v1/reports/month?format=docx', staff, 422);
    await problem('GET', '/v1/reports/decade', staff, 404, 'REPORT_NOT_FOUND');
    await problem('GET', '/v1/reports/month?date=2026-10-15&version=99', staff, 404, 'REPORT_NOT_FOUND');
    await problem('POST', '/v1/reports/year/runs?date=2027-06-01', staff, 422, 'REPORT_PERIOD_INVALID');
    await problem('GET', '/v1/reports?cursor=bm9wZQ', staff, 400, 'CURSOR_INVALID');
    await problem('GET', '/v1/reports/dashboard?period=fortnight', staff, 422);
    await problem('GET', `/v1/reports/dashboard?agency=no-such-${randomUUID().slice(0, 8)}`, staff, 404);
    const after = (await db.query('SELECT (SELECT count(*) FROM report_run)::int AS runs, (SELECT count(*) FROM report_file)::int AS files'))[0];
    expect(after).toEqual(before);
  });
});

describe('reports on schedule: each owed report once, with several hub processes', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let second: HubProcess;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('reports-schedule');
    db = TestDatabase.open(databaseUrl);
    const env = { CLOCK_CONTROL: 'true', REPORTS_SCHEDULER: 'true', REPORTS_POLL_MS: '50' };
    hub = await TestHub.start({ databaseUrl, env });
    second = await startHubProcess(databaseUrl, env);
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
    await hub?.stop();
    await db?.close();
  });

  it("generates the day's, week's, month's, quarter's and year's reports after midnight Bangkok time, each once", async () => {
    // A process that died: the day's run failed 20 minutes ago (to be tried again); the week's is claimed a minute ago
    // by a process that is gone (left alone for 15 minutes, then taken over).
    const insertRun = `INSERT INTO report_run (kind, period_key, version, state, trigger, requested_by, claimed_by, claimed_at) VALUES ($1, $2, 1, $3, 'schedule', 'ocx-hub', 'gone:1', $4)`;
    await db.query(insertRun, ['day', '2026-09-30', 'failed', bangkok('2026-09-30T23:45:00')]);
    await db.query(insertRun, ['week', '2026-W39', 'running', bangkok('2026-10-01T00:04:00')]);
    const admin = await hub.token('admin');
    const moveClocks = async (wall: string): Promise<void> => {
      for (const baseUrl of [hub.baseUrl, second.baseUrl]) {
        const moved = await fetch(`${baseUrl}/v1/dev/clock`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ now: bangkok(wall).toISOString() }) });
        expect(moved.status).toBe(200);
      }
    };
    // Both processes' clocks move to five past midnight on Thursday 1 October 2026, Bangkok time.
    await moveClocks('2026-10-01T00:05:00');
    const owed = [['day', '2026-09-30'], ['week', '2026-W39'], ['month', '2026-09'], ['quarter', '2026-Q3'], ['year', '2025']];
    const ready = async (): Promise<Array<{ kind: string; period_key: string; version: number; trigger: string; files: number }>> => db.query(
      `SELECT r.kind, r.period_key, r.version, r.trigger, (SELECT count(*)::int FROM report_file f WHERE (f.kind, f.period_key, f.version) = (r.kind, r.period_key, r.version)) AS files
       FROM report_run r WHERE r.state = 'ready' AND (r.kind, r.period_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [owed.map(([kind]) => kind), owed.map(([, key]) => key)],
    );
    const waitForReady = async (count: number): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while ((await ready()).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await waitForReady(owed.length - 1);
    // Everything but the week, whose claim is still young.
    expect((await ready()).map((row) => row.kind).sort()).toEqual(['day', 'month', 'quarter', 'year']);
    expect((await db.query(`SELECT state, claimed_by FROM report_run WHERE kind = 'week' AND period_key = '2026-W39'`))[0]).toEqual({ state: 'running', claimed_by: 'gone:1' });
    await moveClocks('2026-10-01T00:25:00');
    await waitForReady(owed.length);
    const runs = await ready();
    expect(runs.map((row) => `${row.kind} ${row.period_key}`).sort()).toEqual(owed.map(([kind, key]) => `${kind} ${key}`).sort());
    expect(runs.every((row) => row.version === 1 && row.trigger === 'schedule' && row.files === 3)).toBe(true);
    // Several looks later, still one run each, and one audit entry per kept file.
    const all = await db.query(`SELECT count(*)::int AS n FROM report_run WHERE (kind, period_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [owed.map(([kind]) => kind), owed.map(([, key]) => key)]);
    expect(all[0].n).toBe(owed.length);
    const audited = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'report.generated' AND details->>'trigger' = 'schedule' AND (details->>'kind', details->>'period') IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [owed.map(([kind]) => kind), owed.map(([, key]) => key)]);
    expect(audited[0].n).toBe(owed.length * 3);
  }, 90_000);
});

describe('the dashboard keeps its figures, and refreshes them behind its answers', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('reports-kept');
    db = TestDatabase.open(databaseUrl);
    hub = await TestHub.start({ databaseUrl, env: { CLOCK_CONTROL: 'true', REPORTS_DASHBOARD_CACHE_SECONDS: '30' } });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  it('answers with the kept figures for 30 s, then with them once more while it computes anew', async () => {
    const staff = await hub.token('staff');
    const admin = await hub.token('admin');
    const moveClock = async (instant: Date): Promise<void> => {
      expect((await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: instant.toISOString() } })).status).toBe(200);
    };
    const dashboard = async (): Promise<{ generatedAt: string; headline: { complaints: number } }> => (await hub.request('GET', '/v1/reports/dashboard?period=month&date=2026-10-15', { token: staff })).body;
    await moveClock(bangkok('2026-10-20T09:00:00'));
    const record = async (): Promise<void> => {
      expect((await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ receivedAt: bangkok('2026-10-20T08:00:00').toISOString() }) })).status).toBe(201);
    };
    await record();
    const first = await dashboard();
    expect(first.headline.complaints).toBe(1);
    await record();
    // Within 30 s: the same figures, computed once.
    await moveClock(bangkok('2026-10-20T09:00:20'));
    expect(await dashboard()).toEqual(first);
    // Past 30 s: the kept figures answer at once, and new ones are computed behind them.
    await moveClock(bangkok('2026-10-20T09:00:40'));
    expect((await dashboard()).generatedAt).toBe(first.generatedAt);
    let fresh = await dashboard();
    for (let tries = 0; fresh.generatedAt === first.generatedAt && tries < 100; tries++) fresh = await dashboard();
    expect(fresh.headline.complaints).toBe(2);
    expect(Date.parse(fresh.generatedAt)).toBeGreaterThanOrEqual(bangkok('2026-10-20T09:00:40').getTime());
    // Ten times too old: the answer waits for figures computed now.
    await record();
    await moveClock(bangkok('2026-10-20T09:10:00'));
    expect((await dashboard()).headline.complaints).toBe(3);
  });

  it("receives a complaint that gives no time at the hub's clock, and counts it in the month that clock says", async () => {
    const staff = await hub.token('staff');
    const admin = await hub.token('admin');
    const august = bangkok('2026-08-05T10:00:00');
    expect((await hub.request('PUT', '/v1/dev/clock', { token: admin, json: { now: august.toISOString() } })).status).toBe(200);
    const created = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() });
    expect(created.status).toBe(201);
    expect(created.body.receivedAt).toEqual(soon(august));
    const dashboard = await hub.request('GET', '/v1/reports/dashboard?period=month&date=2026-08-15', { token: staff });
    expect(dashboard.body.headline.complaints).toBe(1);
  });
});

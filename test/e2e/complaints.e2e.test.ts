import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parseReferenceCode } from '../../src/complaints/reference-code.js';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';

describe('complaints', () => {
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

  async function create(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint(overrides) });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('records a complaint and gives a reference code that reads well over the phone', async () => {
    const complaint = await create();
    expect(complaint).toMatchObject({ status: 'new', channel: 'hotline', category: 'shopping', subCategory: 'not_received', createdBy: 'somchai' });
    expect(parseReferenceCode(complaint.referenceCode)).toBe(complaint.referenceCode);
    expect(complaint.transaction).toMatchObject({ price: { amountSatang: 159000 }, amountLost: { amountSatang: 159000 } });
    const read = await hub.request('GET', `/v1/complaints/${complaint.id}`, { token: staff });
    expect(read.body).toEqual(complaint);
  });

  it('stores the complainant and the narrative sealed, and shows the national id masked', async () => {
    const complaint = await create({ complainant: { name: 'ประเสริฐ ศรีสุข', nationalId: '1-1017-00230-70-8' } });
    expect(complaint.complainant.nationalId).toBe('x-xxxx-xxxxx-70-8');
    const [row] = await db.query('SELECT personal_data AS sealed, complaint::text AS everything FROM complaint WHERE id = $1', [complaint.id]);
    expect(row.sealed).toMatch(/^e1\.[a-z0-9-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const clear of ['1101700230708', 'ประเสริฐ', complaint.narrative]) expect(row.everything).not.toContain(clear);
  });

  it.each([
    ['a national id with a wrong check digit', { complainant: { name: 'ทดสอบ', nationalId: '1101700230709' } }, 'complainant.nationalId'],
    ['a sub-category of another category', { subCategory: 'gambling' }, 'subCategory'],
    ['an unknown channel', { channel: 'carrier_pigeon' }, 'channel'],
    ['a bank account without its bank', { subjects: [{ type: 'bank_account', value: '1234567890' }] }, 'subjects.0.bank'],
    ['a bank the hub does not know', { subjects: [{ type: 'bank_account', bank: 'ธนาคารดาวอังคาร', value: '1234567890' }] }, 'subjects.0.bank'],
    ['a price in baht with decimals', { transaction: { price: { amountSatang: 1590.5 } } }, 'transaction.price.amountSatang'],
    ['an incident date that does not exist', { incidentDate: '2026-02-30' }, 'incidentDate'],
  ])('refuses %s with 422 naming the field, and stores nothing', async (_, overrides, path) => {
    const before = Number((await db.query('SELECT count(*) AS n FROM complaint'))[0].n);
    const response = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint(overrides) });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(Number((await db.query('SELECT count(*) AS n FROM complaint'))[0].n)).toBe(before);
  });

  it('takes a bank by the name the caller uses and keeps its code; flags a subject that identifies nobody', async () => {
    const complaint = await create({ subjects: [{ type: 'bank_account', bank: 'ธ.กสิกร', value: '123-4-56789-0' }, { type: 'phone', value: '081-234-567' }] });
    expect(complaint.subjects[0]).toEqual({ type: 'bank_account', bank: '004', value: '123-4-56789-0' });
    expect(complaint.subjects[1].problem).toMatchObject({ reason: 'wrong_digit_count' });
  });

  it('finds a complaint by a Thai word inside a sentence (no spaces between words)', async () => {
    const marker = `ตุ๊กตาหมี${randomUUID().slice(0, 6)}`;
    const complaint = await create({ narrative: `ซื้อ${marker}สีชมพูจากร้านออนไลน์แต่ได้ของปลอมมา` });
    await create({ narrative: 'เรื่องอื่นที่ไม่เกี่ยวข้อง' });
    const found = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(marker + 'สีชมพู')}`, { token: staff });
    expect(found.status).toBe(200);
    expect(found.body.complaints.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
    const byWord = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(marker)}`, { token: staff });
    expect(byWord.body.complaints.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
  });

  it('finds Thai digits typed as Arabic digits and text pasted with zero-width spaces', async () => {
    const marker = randomUUID().slice(0, 8);
    const complaint = await create({ narrative: `โอน\u200Bเงิน ๑,๕๙๐ บาท รหัส ${marker}` });
    const found = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(`โอนเงิน 1,590 บาท รหัส ${marker}`)}`, { token: staff });
    expect(found.body.complaints.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
  });

  it('finds a number a chat app wrapped in direction marks by the number as typed, and the other way round', async () => {
    const marker = randomUUID().slice(0, 8);
    const wrapped = await create({ narrative: `โทรมาจากเบอร์ \u200E081-${marker.slice(0, 3)}-9911\u200F ${marker}` });
    const found = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(`081-${marker.slice(0, 3)}-9911 ${marker}`)}`, { token: staff });
    expect(found.body.complaints.map((c: { id: string }) => c.id)).toEqual([wrapped.id]);
    const byWrapped = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(`\u2066081-${marker.slice(0, 3)}\u2069-9911 ${marker}`)}`, { token: staff });
    expect(byWrapped.body.complaints.map((c: { id: string }) => c.id)).toEqual([wrapped.id]);
  });

  it('finds ำ however it was written: one character, or its two parts as NFKC and PDFs write it', async () => {
    const marker = randomUUID().slice(0, 8);
    const split = await create({ narrative: `ซื้อน\u0E49\u0E4D\u0E32หอม ${marker} แล้วไม่ได้ของ` });
    const whole = await create({ narrative: `ซื้อน้ำหอม ${marker} ของปลอม` });
    for (const q of [`น้ำหอม ${marker}`, `น\u0E4D\u0E49\u0E32หอม ${marker}`]) {
      const found = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(q)}`, { token: staff });
      expect(found.body.complaints.map((c: { id: string }) => c.id).sort()).toEqual([split.id, whole.id].sort());
    }
  });

  it('searches through the keyed grams index, which holds no text', async () => {
    await db.query('SET enable_seqscan = off');
    const forced = await db.query(`EXPLAIN SELECT complaint_id FROM complaint_search WHERE grams @> '{12345,-678}'::int[]`);
    await db.query('SET enable_seqscan = on');
    expect(forced.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')).toContain('complaint_search_grams');
    const marker = `แก้วน้ำ${randomUUID().slice(0, 6)}`;
    const complaint = await create({ narrative: `ซื้อ${marker}แล้วไม่ได้ของ` });
    const [row] = await db.query('SELECT complaint_search::text AS everything FROM complaint_search WHERE complaint_id = $1', [complaint.id]);
    expect(row.everything).not.toContain('แก้วน้ำ');
    // One and two characters are searched too; a needle whose grams are all there but apart is not a match.
    const search = async (q: string): Promise<string[]> => (await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(q)}`, { token: staff })).body.complaints.map((c: { id: string }) => c.id);
    expect(await search(marker.slice(-2))).toContain(complaint.id);
    expect(await search(`${marker}แล้ว`)).toEqual([complaint.id]);
    expect(await search(`แล้ว${marker}`)).toEqual([]);
  });

  it('searches the text as last changed, by PATCH before dispatch and by amendment after', async () => {
    const [first, second, third] = ['ลำโพง', 'หูฟัง', 'นาฬิกา'].map((word) => `${word}${randomUUID().slice(0, 6)}`);
    const complaint = await create({ narrative: `สั่ง${first}แล้วไม่ได้ของ` });
    const search = async (word: string): Promise<string[]> =>
      (await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(word)}`, { token: staff })).body.complaints.map((c: { id: string }) => c.id);
    expect((await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { narrative: `สั่ง${second}แล้วไม่ได้ของ` } })).status).toBe(200);
    expect(await search(first!)).toEqual([]);
    expect(await search(second!)).toEqual([complaint.id]);
    // A change that leaves the text alone leaves its row alone.
    const [before] = await db.query(`SELECT xmin::text AS version FROM complaint_search WHERE complaint_id = $1`, [complaint.id]);
    expect((await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { channel: 'email' } })).status).toBe(200);
    expect((await db.query(`SELECT xmin::text AS version FROM complaint_search WHERE complaint_id = $1`, [complaint.id]))[0]).toEqual(before);
    expect((await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: ['ocpb'] } })).status).toBe(201);
    const amended = await hub.request('POST', `/v1/complaints/${complaint.id}/amendments`, { token: staff, json: { narrative: `สั่ง${third}แล้วไม่ได้ของ`, reason: 'ผู้ร้องแก้ชื่อสินค้า' } });
    expect(amended.status).toBe(201);
    expect(await search(second!)).toEqual([]);
    expect(await search(third!)).toEqual([complaint.id]);
  });

  it('pages through complaints with an opaque cursor, newest first, without repeats', async () => {
    const channel = 'fax';
    const marker = `หน้า${randomUUID().slice(0, 6)}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ channel, narrative: `${marker} เรื่องที่ ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/complaints?channel=${channel}&limit=2&q=${encodeURIComponent(marker)}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await hub.request('GET', url, { token: staff });
      expect(page.status).toBe(200);
      seen.push(...page.body.complaints.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await hub.request('GET', '/v1/complaints?cursor=bm9wZQ', { token: staff })).body.code).toBe('CURSOR_INVALID');
  });

  it('filters by category, channel and received time', async () => {
    const received = '2020-01-15T10:00:00+07:00';
    const complaint = await create({ category: 'cyber_threat', subCategory: 'intrusion', channel: 'line_admin', receivedAt: received });
    const response = await hub.request('GET', '/v1/complaints?category=cyber_threat&channel=line_admin&from=2020-01-15T00:00:00%2B07:00&to=2020-01-16T00:00:00%2B07:00', { token: staff });
    expect(response.body.complaints.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
  });

  it('edits a complaint that has not been dispatched', async () => {
    const complaint = await create();
    const response = await hub.request('PATCH', `/v1/complaints/${complaint.id}`, { token: staff, json: { narrative: 'แก้ไขรายละเอียด: ได้รับสินค้าผิดสี', category: 'shopping', subCategory: 'wrong_item' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ narrative: 'แก้ไขรายละเอียด: ได้รับสินค้าผิดสี', subCategory: 'wrong_item', version: 2 });
  });

  it('answers 404 for an unknown or malformed complaint id', async () => {
    expect((await hub.request('GET', `/v1/complaints/${randomUUID()}`, { token: staff })).status).toBe(404);
    expect((await hub.request('GET', '/v1/complaints/not-a-uuid', { token: staff })).status).toBe(404);
  });

  it('is for staff only: partners and auditors are refused (403)', async () => {
    for (const token of [await hub.token('partner', 'x', { partnerId: 'ocpb' }), await hub.token('auditor')]) {
      expect((await hub.request('GET', '/v1/complaints', { token })).status).toBe(403);
      expect((await hub.request('POST', '/v1/complaints', { token, json: aComplaint() })).status).toBe(403);
    }
  });
});

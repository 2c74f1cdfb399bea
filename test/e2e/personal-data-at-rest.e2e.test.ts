import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { rekeyPersonalData } from '../../src/cli/personal-data-rekey.js';
import { PiiCipher } from '../../src/common/pii-cipher.js';
import { normaliseForSearch } from '../../src/common/thai-text.js';
import { DataKeyRing } from '../../src/sealing/data-key-ring.js';
import { loadMasterKey } from '../../src/signing/master-key.js';
import { aComplaint, aNationalId, randomDigits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';

/**
 * Every row of every table as text, as a dump holds it, with every base64url run in it
 * decoded next to it (a JWS keeps its payload in base64url: contact data in a stored JWS
 * would be found there).
 */
async function databaseDump(db: TestDatabase): Promise<string> {
  const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const rows: string[] = [];
  for (const { name } of tables) rows.push(...(await db.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`)).map((row) => row.row));
  const text = rows.join('\n');
  const decoded = [...text.matchAll(/[A-Za-z0-9_-]{16,}/g)].map((match) => Buffer.from(match[0], 'base64url').toString('utf8'));
  return `${text}\n${decoded.join('\n')}`;
}

/** A complaint's contact data and narrative, each unique to this run, in the forms a dump could show them. */
function aComplainant(): { complaint: Record<string, any>; clear: string[] } {
  const marker = randomUUID().slice(0, 8);
  const phone = `08${randomDigits(8)}`;
  const nationalId = aNationalId();
  const complainant = { name: `ประภาพร ทดสอบ${marker}`, phone: `${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}`, email: `prapaporn.${marker}@example.co.th`, lineId: `praline${marker}`, nationalId };
  const narrative = `โอนเงินค่าโทรศัพท์ให้ร้านค้าออนไลน์แล้วไม่ได้ของ เรื่องที่${marker}`;
  return { complaint: aComplaint({ complainant, narrative }), clear: [complainant.name, `ทดสอบ${marker}`, phone, complainant.phone, complainant.email, complainant.lineId, nationalId, narrative, `เรื่องที่${marker}`] };
}

/** Pushes to an endpoint that is never called: the Referral waits in the outbox, as it does for a partner that is down. */
const HUB_ENV = { DELIVERY_WORKER: 'false', DELIVERY_ALLOW_HTTP: 'true', DELIVERY_ALLOW_PRIVATE: 'true' };

describe('personal data at rest (issue 15, finding 9)', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let staff: string;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('sealing');
    db = TestDatabase.open(databaseUrl);
    hub = await TestHub.start({ databaseUrl, env: HUB_ENV });
    staff = await hub.token('staff', 'somchai');
  });

  afterAll(async () => {
    await hub?.stop();
    await db.close();
  });

  async function dispatched(): Promise<{ complaintId: string; clear: string[]; agency: PartnerClient; referralId: string }> {
    const { complaint, clear } = aComplainant();
    const created = await hub.request('POST', '/v1/complaints', { token: staff, json: complaint });
    expect(created.status).toBe(201);
    const agency = await PartnerClient.register(hub);
    const pushed = await PartnerClient.register(hub, { deliveryMode: 'push', endpointUrl: 'http://127.0.0.1:9/ocx' });
    const dispatch = await hub.request('POST', `/v1/complaints/${created.body.id}/referrals`, { token: staff, json: { partners: [agency.id, pushed.id] } });
    expect(dispatch.status).toBe(201);
    const referralId = dispatch.body.referrals.find((referral: { partnerId: string }) => referral.partnerId === agency.id).id as string;
    return { complaintId: created.body.id, clear, agency, referralId };
  }

  it('keeps none of a complaint’s contact data or narrative in clear in a dump, while staff, search and partners read them', async () => {
    const { complaintId, clear, agency, referralId } = await dispatched();
    const amended = await hub.request('POST', `/v1/complaints/${complaintId}/amendments`, { token: staff, json: { channel: 'email', reason: 'ผู้ร้องแจ้งช่องทางใหม่' } });
    expect(amended.status).toBe(201);

    const read = await hub.request('GET', `/v1/complaints/${complaintId}`, { token: staff });
    expect(read.body.complainant).toMatchObject({ name: clear[0], email: clear[4], lineId: clear[5], nationalId: `x-xxxx-xxxxx-${clear[6]!.slice(10, 12)}-${clear[6]!.slice(12)}` });
    const found = await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(clear[8]!)}`, { token: staff });
    expect(found.body.complaints.map((complaint: { id: string }) => complaint.id)).toEqual([complaintId]);
    const pulled = await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token: await agency.token() });
    expect(pulled.status).toBe(200);
    expect(pulled.body.document.complaint.complainant).toMatchObject({ name: clear[0], email: clear[4] });
    expect(pulled.body.document.version).toBe(2);

    const dump = await databaseDump(db);
    expect(dump).toContain(complaintId);
    expect(clear.filter((value) => dump.includes(value))).toEqual([]);
  });

  it('rotates the data key with npm run pii:rekey while the hub runs: every value moves to the new key and still opens', async () => {
    const { complaintId, clear, agency, referralId } = await dispatched();
    const jwsBefore = (await hub.request('GET', `/v1/referrals/${referralId}/document`, { token: staff })).text;
    const kidsOf = async (): Promise<string[]> => {
      const rows = await db.query<{ kid: string }>(
        `SELECT split_part(personal_data, '.', 2) AS kid FROM complaint UNION SELECT grams_kid FROM complaint_search
         UNION SELECT split_part(jws, '.', 2) FROM referral_document UNION SELECT split_part(payload, '.', 2) FROM outbox_message`,
      );
      return rows.map((row) => row.kid).sort();
    };
    expect(await kidsOf()).toHaveLength(1);

    const masterKey = await loadMasterKey(hub.settings);
    // The complaint as an older hub indexed it (gram scheme 1, HMAC-SHA256): search still finds it.
    const ring = new DataKeyRing((sql, params) => db.query(sql, params), masterKey);
    await ring.reload();
    const older = ring.searchGrams(normaliseForSearch(clear[7]!), 1);
    await db.query(`UPDATE complaint_search SET grams = $2, grams_scheme = 1 WHERE complaint_id = $1`, [complaintId, older.grams]);
    expect((await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(clear[8]!)}`, { token: staff })).body.complaints.map((complaint: { id: string }) => complaint.id)).toEqual([complaintId]);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const result = await rekeyPersonalData(client, masterKey, { retireOldKeys: false, pauseMs: 10 });
      // Every row is re-indexed under the current scheme as well as the new key.
      expect(await db.query(`SELECT DISTINCT grams_scheme FROM complaint_search`)).toEqual([{ grams_scheme: 2 }]);
      expect(result.complaints).toBeGreaterThanOrEqual(2);
      expect(result.referralDocuments).toBeGreaterThanOrEqual(4);
      expect(result.pushPayloads).toBeGreaterThanOrEqual(2);
      expect(await kidsOf()).toEqual([result.kid]);

      // The hub opens values under a key it had not loaded, and finds the case by its re-indexed grams.
      expect((await hub.request('GET', `/v1/complaints/${complaintId}`, { token: staff })).body.complainant.name).toBe(clear[0]);
      expect((await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(clear[8]!)}`, { token: staff })).body.complaints.map((complaint: { id: string }) => complaint.id)).toEqual([complaintId]);
      expect((await hub.request('GET', `/v1/referrals/${referralId}/document`, { token: staff })).text).toBe(jwsBefore);
      expect((await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token: await agency.token(), headers: { accept: 'application/jose' } })).text).toBe(jwsBefore);
      // New values are sealed under the new key once the hub has heard of it.
      let newest = '';
      for (let attempt = 0; attempt < 50 && newest !== result.kid; attempt++) {
        const created = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
        newest = (await db.query<{ kid: string }>(`SELECT split_part(personal_data, '.', 2) AS kid FROM complaint WHERE id = $1`, [created.id]))[0]!.kid;
      }
      expect(newest).toBe(result.kid);

      // Retiring the old keys, with the hub stopped: only the current key is left, and the hub reads everything with it.
      await hub.stop();
      const keysBefore = (await db.query<{ kid: string }>('SELECT kid FROM data_key')).map((row) => row.kid);
      expect(keysBefore).toHaveLength(2);
      const retired = await rekeyPersonalData(client, masterKey, { retireOldKeys: true, pauseMs: 10 });
      expect(retired.retired.sort()).toEqual(keysBefore.sort());
      expect(await db.query('SELECT kid FROM data_key')).toEqual([{ kid: retired.kid }]);
    } finally {
      await client.end();
      hub = await TestHub.start({ databaseUrl, env: HUB_ENV });
      staff = await hub.token('staff', 'somchai');
    }
    expect((await hub.request('GET', `/v1/complaints/${complaintId}`, { token: staff })).body.complainant.name).toBe(clear[0]);
  });

  it('seals, when it starts, what an older version of the hub wrote in clear', async () => {
    const { complaintId, clear, referralId } = await dispatched();
    const jws = (await hub.request('GET', `/v1/referrals/${referralId}/document`, { token: staff })).text;
    const payloads = await hub.request('GET', '/v1/deliveries?status=pending', { token: await hub.token('admin') });
    expect(payloads.status).toBe(200);
    await hub.stop();
    // The rows as the version before sealing wrote them: clear columns, a `p1.` national id, clear documents.
    const legacy = new PiiCipher(await loadMasterKey(hub.settings));
    await db.query(
      `UPDATE complaint SET personal_data = NULL, narrative = $2, complainant_name = $3, complainant_phone = $4, complainant_email = $5,
         complainant_line_id = $6, complainant_national_id_sealed = $7 WHERE id = $1`,
      [complaintId, clear[7], clear[0], clear[3], clear[4], clear[5], legacy.seal('complaint.complainant.nationalId', clear[6]!)],
    );
    await db.query(`UPDATE complaint_search SET grams = NULL, grams_kid = NULL, grams_scheme = NULL, search_text = $2 WHERE complaint_id = $1`, [complaintId, clear[7]]);
    await db.query(`UPDATE referral_document SET jws = $2 WHERE referral_id = $1`, [referralId, jws]);
    await db.query(`UPDATE outbox_message SET payload = $1 WHERE status = 'pending'`, [jws]);
    expect((await databaseDump(db)).includes(clear[0]!)).toBe(true);

    hub = await TestHub.start({ databaseUrl, env: HUB_ENV });
    staff = await hub.token('staff', 'somchai');
    const dump = await databaseDump(db);
    expect(clear.filter((value) => dump.includes(value))).toEqual([]);
    const read = await hub.request('GET', `/v1/complaints/${complaintId}`, { token: staff });
    expect(read.body).toMatchObject({ narrative: clear[7], complainant: { name: clear[0], phone: clear[3], email: clear[4], lineId: clear[5] } });
    expect(read.body.complainant.nationalId).toMatch(/^x-xxxx-xxxxx-/);
    expect((await hub.request('GET', `/v1/complaints?q=${encodeURIComponent(clear[8]!)}`, { token: staff })).body.complaints.map((complaint: { id: string }) => complaint.id)).toEqual([complaintId]);
    expect((await hub.request('GET', `/v1/referrals/${referralId}/document`, { token: staff })).text).toBe(jws);
  });
});

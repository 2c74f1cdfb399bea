import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { aComplaint, randomDigits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';
import { exampleDocument, signAsPartner } from '../support/signed-documents.js';
import { TEST_ENV } from '../support/test-infrastructure.js';

const run = promisify(execFile);

/** `npm run matching:reindex` as an operator runs it: the built command, in a process of its own, on this database. */
async function reindex(databaseUrl: string): Promise<string> {
  const { stdout } = await run(process.execPath, [path.resolve('dist/src/cli/reindex-matching.js')], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, DATA_DIR: process.env[TEST_ENV.dataDir],
      S3_ENDPOINT: process.env[TEST_ENV.s3Endpoint], S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_BUCKET: process.env[TEST_ENV.s3Bucket],
    },
    timeout: 120_000,
  });
  return stdout;
}

describe('re-indexing after a change of the rules or of the warning list (npm run matching:reindex)', () => {
  let databaseUrl: string;
  let db: TestDatabase;
  let hub: TestHub;
  let staff: string;
  let admin: string;
  let police: PartnerClient;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('reindex');
    hub = await TestHub.start({ databaseUrl });
    db = TestDatabase.open(databaseUrl);
    staff = await hub.token('staff', 'somchai');
    admin = await hub.token('admin');
    police = await PartnerClient.register(hub);
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  const complaint = async (subjects: Array<Record<string, string>>): Promise<{ id: string; caseId: string }> => {
    const created = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subjects }) })).body;
    const [row] = await db.query(`SELECT id FROM match_case WHERE complaint_id = $1`, [created.id]);
    return { id: created.id, caseId: row.id };
  };
  const linkedTo = async (complaintId: string): Promise<string[]> => (await hub.request('GET', `/v1/complaints/${complaintId}/matches`, { token: staff })).body.linked.map((entry: { caseRef: string }) => entry.caseRef);
  /** What rules of an earlier version would have written: the case's hashes of something else, in a cluster of its own. */
  const asIfIndexedByOlderRules = async (caseId: string): Promise<void> => {
    const old = await db.query(`SELECT encode(blind_index, 'hex') AS hex FROM match_identifier WHERE case_id = $1`, [caseId]);
    for (const row of old) {
      const stale = `\\x${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
      await db.query(`UPDATE match_split SET blind_index = $3 WHERE case_id = $1 AND blind_index = decode($2, 'hex')`, [caseId, row.hex, stale]);
      await db.query(`UPDATE match_identifier SET blind_index = $3 WHERE case_id = $1 AND blind_index = decode($2, 'hex')`, [caseId, row.hex, stale]);
    }
    await db.query(`UPDATE match_case SET cluster_id = $2 WHERE id = $1`, [caseId, randomUUID()]);
  };

  it('links what the new rules link, keeps a split split, unlinks a number newly on the warning list (partners too), and counts the links', async () => {
    // A: two complaints the older rules did not link (the second's hashes are of something else).
    const phone = `08${randomDigits(8)}`;
    const a1 = await complaint([{ type: 'phone', value: phone }]);
    const a2 = await complaint([{ type: 'phone', value: `เบอร์ ${phone}` }]);
    await asIfIndexedByOlderRules(a2.caseId);
    expect(await linkedTo(a2.id)).toEqual([]);

    // B: a link staff split, on a case the new rules read otherwise: it stays split.
    const other = `08${randomDigits(8)}`;
    const b1 = await complaint([{ type: 'phone', value: other }]);
    const b2 = await complaint([{ type: 'phone', value: other }]);
    const [cluster] = await db.query(`SELECT cluster_id FROM match_case WHERE id = $1`, [b2.caseId]);
    expect((await hub.request('POST', `/v1/clusters/${cluster.cluster_id}/splits`, { token: staff, json: { caseId: b2.caseId, reason: 'คนละคนกัน' } })).status).toBe(201);
    await asIfIndexedByOlderRules(b2.caseId);

    // C: a police case and a complaint linked by a number that an admin then lists (a bank's new call centre).
    const listed = `02${randomDigits(7)}`;
    const c1 = await complaint([{ type: 'phone', value: listed }]);
    const share = { ...exampleDocument('case-share.police-case-with-thai-digits'), id: randomUUID(), partnerId: police.id, issuedAt: new Date().toISOString(), partnerCaseNumber: `ปอท.${randomDigits(5)}`, subjects: [{ type: 'phone', value: listed }] };
    const shared = await hub.request('POST', '/v1/partner/cases', { token: await police.token(), body: await signAsPartner(police.privateJwk, share, { kid: police.kid, typ: 'ocx-case-share+jws' }), headers: { 'content-type': 'application/jose' } });
    expect(shared.status).toBe(201);
    expect(await linkedTo(c1.id)).toEqual([share.partnerCaseNumber]);
    expect((await hub.request('POST', '/v1/warning-list', { token: admin, json: { type: 'phone', value: listed, label: 'ศูนย์บริการลูกค้าธนาคารทดสอบ', source: 'https://bank.example' } })).status).toBe(201);
    // The list holds for what comes next at once; what was linked before waits for the re-index.
    expect(await linkedTo(c1.id)).toEqual([share.partnerCaseNumber]);

    const output = await reindex(databaseUrl);
    expect(output).toMatch(/re-indexed 5 complaints/);
    expect(output).toMatch(/the warning list unlinked 1 and relinked 0 stored identifiers; 1 splits carried over/);
    expect(output).toMatch(/links \(pairs of cases in one cluster\): 1 appeared, 1 disappeared/);

    expect(await linkedTo(a2.id)).toEqual([await referenceCodeOf(a1.id)]);
    expect(await linkedTo(b2.id)).toEqual([]);
    expect(await linkedTo(b1.id)).toEqual([]);
    expect(await linkedTo(c1.id)).toEqual([]);
    const audited = await db.query(`SELECT details FROM audit_entry WHERE action = 'matching.reindexed'`);
    expect(audited.map((row: { details: Record<string, unknown> }) => row.details)).toEqual([expect.objectContaining({ complaints: 5, appeared: 1, disappeared: 1, carriedSplits: 1 })]);

    // Run again with nothing changed: nothing moves.
    expect(await reindex(databaseUrl)).toMatch(/0 appeared, 0 disappeared/);
  });

  async function referenceCodeOf(complaintId: string): Promise<string> {
    return (await hub.request('GET', `/v1/complaints/${complaintId}`, { token: staff })).body.referenceCode;
  }
});

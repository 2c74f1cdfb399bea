import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aComplaint } from '../support/complaint-builder.js';
import { evidenceFiles } from '../support/evidence-files.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';

describe('the audit log of exchanges', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let auditor: string;

  beforeAll(async () => {
    // A database of its own: one test here breaks the chain on purpose.
    const databaseUrl = await TestDatabase.createIsolated('audit');
    hub = await TestHub.start({ databaseUrl });
    db = TestDatabase.open(databaseUrl);
    auditor = await hub.token('auditor', 'committee-1');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('records every exchange with one agency, refusals included, without personal data', async () => {
    const staff = await hub.token('staff', 'somchai');
    const agency = await PartnerClient.register(hub);
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const evidence = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=x.jpg`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' },
      body: evidenceFiles.jpeg(),
    }).then((response) => response.json() as Promise<{ id: string }>);
    const referralId = (await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0].id;
    const token = await agency.token();
    await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token });
    await fetch(`${hub.baseUrl}/v1/partner/referrals/${referralId}/evidence/${evidence.id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
    await agency.postEvent(token, referralId, await agency.signEvent(referralId, { status: 'acknowledged' }));
    expect((await agency.postEvent(token, referralId, await agency.signEvent(referralId, { status: 'dispatched' }))).status).toBe(422);

    const response = await hub.request('GET', `/v1/audit/entries?partner=${agency.id}`, { token: auditor });
    expect(response.status).toBe(200);
    const actions = response.body.entries.map((entry: { action: string; outcome: string }) => `${entry.action}:${entry.outcome}`);
    expect(actions).toEqual([
      'partner.created:ok',
      'partner_key.registered:ok',
      'referral.dispatched:ok',
      'token.issued:ok',
      'referral.read:ok',
      'evidence.downloaded:ok',
      'status_event.accepted:ok',
      'status_event.refused:refused',
    ]);
    const dispatched = response.body.entries.find((entry: { action: string }) => entry.action === 'referral.dispatched');
    expect(dispatched).toMatchObject({ actor: 'somchai', actorRole: 'staff', subjectId: referralId });
    const everything = JSON.stringify(response.body);
    for (const personal of ['สมหญิง', '081-234-5678', '123-4-56789-0', 'หม้อทอด']) expect(everything).not.toContain(personal);
  });

  it('puts every entry in the Merkle log, refuses changes in the database, and names the entry changed', async () => {
    const admin = await hub.token('admin');
    expect((await hub.request('POST', '/v1/audit/log/checkpoints', { token: admin })).status).toBe(201);
    const intact = await hub.request('GET', '/v1/audit/verify', { token: auditor });
    expect(intact.body).toMatchObject({ intact: true, unsequenced: 0 });
    expect(intact.body.treeSize).toBeGreaterThan(5);

    const third = `(SELECT seq FROM audit_leaf WHERE leaf_index = 3)`;
    await expect(db.query(`UPDATE audit_entry SET actor = 'mallory' WHERE seq = ${third}`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_leaf SET leaf_index = 99 WHERE leaf_index = 3`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_entry WHERE seq = ${third}`)).rejects.toThrow(/append-only/);

    // Someone with the database's superuser rights goes around the trigger: the log still tells.
    await db.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
    await db.query(`UPDATE audit_entry SET actor = 'mallory' WHERE seq = ${third}`);
    await db.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only');
    const broken = await hub.request('GET', '/v1/audit/verify', { token: auditor });
    expect(broken.body).toMatchObject({ intact: false, leafIndex: 3, problem: expect.stringMatching(/^entry 3 \(seq \d+\) does not hash to its leaf: it was changed after it was logged$/) });
  });

  it('finds entries by subject and time', async () => {
    const all = (await hub.request('GET', '/v1/audit/entries?subjectType=referral&limit=1000', { token: auditor })).body.entries as Array<{ subjectId: string; at: string; leafIndex: number | null; documentSha256: string | null }>;
    expect(all.length).toBeGreaterThan(2);
    const one = all.find((entry) => entry.documentSha256)!;
    expect(one.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    const bySubject = (await hub.request('GET', `/v1/audit/entries?subjectType=referral&subjectId=${one.subjectId}`, { token: auditor })).body.entries;
    expect(bySubject.every((entry: { subjectId: string }) => entry.subjectId === one.subjectId)).toBe(true);
    const later = (await hub.request('GET', `/v1/audit/entries?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { token: auditor })).body.entries;
    expect(later).toEqual([]);
    expect((await hub.request('GET', '/v1/audit/entries?from=yesterday', { token: auditor })).status).toBe(422);
  });

  it('exports what a search finds as a CSV file, streamed, and records the export', async () => {
    const json = (await hub.request('GET', '/v1/audit/entries?subjectType=referral&limit=1000', { token: auditor })).body.entries as Array<{ seq: number; action: string }>;
    const response = await fetch(`${hub.baseUrl}/v1/audit/entries/export?subjectType=referral`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ocx-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\ufeffseq,leafIndex,at,action,outcome,actor,actorRole,partnerId,subjectType,subjectId,documentSha256,details\n')).toBe(true);
    const rows = text.trim().split('\n').slice(1);
    expect(rows.map((row) => Number(row.split(',')[0]))).toEqual(json.map((entry) => entry.seq));
    const [exported] = await db.query(`SELECT actor, details FROM audit_entry WHERE action = 'audit.exported' ORDER BY seq DESC LIMIT 1`);
    expect(exported).toEqual({ actor: 'committee-1', details: { filter: '{"subjectType":"referral"}' } });
    expect((await hub.request('GET', '/v1/audit/entries/export', { token: await hub.token('staff') })).status).toBe(403);
  });

  it('is for auditors and admins only (403 for staff and partners)', async () => {
    expect((await hub.request('GET', '/v1/audit/entries', { token: await hub.token('staff') })).status).toBe(403);
    expect((await hub.request('GET', '/v1/audit/verify', { token: await hub.token('partner', 'x', { partnerId: 'ocpb' }) })).status).toBe(403);
  });
});

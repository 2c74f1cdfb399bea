import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addSignature, checkpointText, parseCheckpoint, signNote, verifierKey, verifyInclusionBundle, verifyLog, type NoteKey } from '@ocx/transparency-log';
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hubLogKeys, hubLogSource } from '../../src/audit/hub-log-source.js';
import { aDispatchedComplaint } from '../support/dispatched-complaint.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `npm run audit:verify -- …` as an outsider runs it (the built CLI; `npm test` builds first). */
async function auditVerify(args: string[]): Promise<{ code: number; verdict: Record<string, unknown> }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('dist/src/cli/audit-verify.js'), ...args], { env: { PATH: process.env.PATH ?? '' } });
    return { code: 0, verdict: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, verdict: JSON.parse(failed.stdout) as Record<string, unknown> };
  }
}

describe('the audit log as a transparency log', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let admin: string;
  let auditor: string;
  let staff: string;
  let agency: PartnerClient;
  let other: PartnerClient;
  let referralJws: string;
  let referralId: string;

  const signCheckpoint = async (): Promise<{ treeSize: number; checkpoint?: number }> => {
    const signed = await hub.request('POST', '/v1/audit/log/checkpoints', { token: admin });
    expect(signed.status).toBe(201);
    return signed.body;
  };
  const latest = async (): Promise<string> => (await fetch(`${hub.baseUrl}/v1/audit/log/checkpoint`)).text();

  beforeAll(async () => {
    // A database of its own: tests here rewrite the log on purpose. The sequencer runs only when asked, so each
    // test knows the tree it checks.
    const databaseUrl = await TestDatabase.createIsolated('tlog');
    hub = await TestHub.start({ databaseUrl, env: { AUDIT_SEQUENCER: 'false', AUDIT_LOG_ORIGIN: 'ocx.test/audit' } });
    db = TestDatabase.open(databaseUrl);
    [admin, auditor, staff] = await Promise.all([hub.token('admin'), hub.token('auditor', 'committee-1'), hub.token('staff', 'somchai')]);
    agency = await PartnerClient.register(hub);
    other = await PartnerClient.register(hub);
    const dispatched = await aDispatchedComplaint(hub, staff, [agency.id]);
    referralId = dispatched.referralOf[agency.id]!;
    const read = await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token: await agency.token(), headers: { accept: 'application/jose' } });
    expect(read.status).toBe(200);
    referralJws = read.text;
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  it('signs checkpoints a verifier can check with the published keys, and proves to a partner that the referral it received was logged', async () => {
    await signCheckpoint();
    const note = await latest();
    const { origin, keys } = await hubLogKeys(hub.baseUrl);
    expect(origin).toBe('ocx.test/audit');
    // The key that signs checkpoints is the hub's signing key, published with the JWKS under both names.
    const jwks = (await hub.request('GET', '/.well-known/jwks.json')).body;
    expect(jwks.checkpointKeys).toHaveLength(jwks.keys.length);
    expect((await hub.request('GET', '/v1/audit/log/keys')).body.keys).toEqual(expect.arrayContaining(jwks.checkpointKeys));
    expect(parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1))).toMatchObject({ origin: 'ocx.test/audit' });

    const token = await agency.token();
    const proof = await hub.request('GET', `/v1/audit/log/proofs/inclusion?documentSha256=${sha256(referralJws)}`, { token });
    expect(proof.status).toBe(200);
    expect(JSON.parse(proof.body.entry)).toMatchObject({ action: 'referral.dispatched', subjectId: referralId, partnerId: agency.id, documentSha256: sha256(referralJws) });
    expect(verifyInclusionBundle(proof.body, { origin, logKeys: keys })).toMatchObject({ ok: true });
    // The partner SDK does the same in one call, and refuses a proof checked against keys that did not sign it.
    const logged = await agency.sdk().auditLog.proveDocument(referralJws);
    expect(logged).toMatchObject({ index: proof.body.index, entry: { subjectId: referralId, action: 'referral.dispatched' } });
    const otherKey = verifierKey({ name: origin, key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
    await expect(agency.sdk().auditLog.proveDocument(referralJws, { logKeys: [otherKey] })).rejects.toMatchObject({ name: 'OcxVerificationError', code: 'LOG_PROOF_INVALID' });
    // The proof does not fit another entry, and another partner gets nothing about this one.
    expect(verifyInclusionBundle({ ...proof.body, entry: proof.body.entry.replace(agency.id, other.id) }, { origin, logKeys: keys })).toMatchObject({ ok: false });
    const refused = await hub.request('GET', `/v1/audit/log/proofs/inclusion?documentSha256=${sha256(referralJws)}`, { token: await other.token() });
    expect(refused.status).toBe(404);
    expect(String(refused.headers.get('content-type'))).toMatch(/application\/problem\+json/);
    expect((await hub.request('GET', `/v1/audit/log/proofs/inclusion?index=0`, { token: await other.token() })).status).toBe(404);
    expect((await hub.request('GET', `/v1/audit/log/proofs/inclusion?documentSha256=xyz`, { token })).status).toBe(422);
    expect((await hub.request('GET', `/v1/audit/log/proofs/inclusion?index=0`, { token: staff })).status).toBe(403);

    // An entry written after the last checkpoint is logged but not yet provable: said so, not "not found".
    await agency.postEvent(token, referralId, await agency.signEvent(referralId, { status: 'acknowledged' }));
    const [event] = await db.query(`SELECT document_sha256 FROM audit_entry WHERE action = 'status_event.accepted'`);
    const pending = await hub.request('GET', `/v1/audit/log/proofs/inclusion?documentSha256=${event.document_sha256}`, { token });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('LOG_ENTRY_NOT_CHECKPOINTED');
  });

  it('lets an auditor verify the whole log offline from checkpoints, tiles and entry bundles, and find a referral by its hash', async () => {
    for (let round = 0; round < 3; round++) {
      await hub.request('GET', `/v1/partner/referrals/${referralId}`, { token: await agency.token() });
      await signCheckpoint();
    }
    const { origin, keys } = await hubLogKeys(hub.baseUrl);
    const verdict = await verifyLog(hubLogSource(hub.baseUrl, { token: auditor }), { origin, logKeys: keys, entries: true, find: { documentSha256: sha256(referralJws) } });
    expect(verdict).toMatchObject({ ok: true, found: { entry: expect.stringContaining(referralId) } });
    if (!verdict.ok) return;
    expect(verdict.entriesChecked).toBe(verdict.size);
    expect(verdict.checkpointsChecked).toBeGreaterThanOrEqual(4);

    // The command-line verifier says the same, and finds the referral by the hash of the JWS the agency received.
    const cli = await auditVerify(['--hub', hub.baseUrl, '--token', auditor, '--entries', '--document-sha256', sha256(referralJws)]);
    expect(cli).toMatchObject({ code: 0, verdict: { ok: true, size: verdict.size, found: { index: verdict.found!.index } } });

    // Hash tiles and consistency proofs are public; entry bundles are not.
    expect((await fetch(`${hub.baseUrl}/v1/audit/log/tile/0/000.p/${Math.min(verdict.size, 255)}`)).status).toBe(200);
    expect((await fetch(`${hub.baseUrl}/v1/audit/log/tile/entries/000.p/1`)).status).toBe(401);
    expect((await hub.request('GET', '/v1/audit/log/tile/entries/000.p/1', { token: staff })).status).toBe(403);
    expect((await fetch(`${hub.baseUrl}/v1/audit/log/tile/0/0000`)).status).toBe(404);
    const consistency = await hub.request('GET', `/v1/audit/log/proofs/consistency?first=1&second=${verdict.size}`);
    expect(consistency.status).toBe(200);
    expect((await hub.request('GET', `/v1/audit/log/proofs/consistency?first=5&second=${verdict.size + 100}`)).status).toBe(422);
  });

  it('takes a witness\'s cosignature, serves it with the checkpoint, and answers 409 to a witness shown another tree', async () => {
    // A witness's cosigner key (c2sp.org/tlog-cosignature, type 0x04: timestamped cosignature/v1).
    const witness: NoteKey = { name: 'committee.example/witness', key: generateKeyPairSync('ed25519').privateKey, type: 0x04 };
    expect((await hub.request('PUT', '/v1/audit/log/witnesses', { token: staff, json: { verifierKey: verifierKey(witness) } })).status).toBe(403);
    expect((await hub.request('PUT', '/v1/audit/log/witnesses', { token: admin, json: { verifierKey: 'not a key' } })).status).toBe(422);
    expect((await hub.request('PUT', '/v1/audit/log/witnesses', { token: admin, json: { verifierKey: verifierKey(witness) } })).status).toBe(200);

    const note = await latest();
    const post = (body: string): Promise<Response> => fetch(`${hub.baseUrl}/v1/audit/log/cosignatures`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    const cosigned = await post(addSignature(note, witness));
    expect(cosigned.status).toBe(200);
    expect(await latest()).toContain('\u2014 committee.example/witness ');

    // Not a registered witness; not the hub's signature; garbage: refused, nothing kept.
    const stranger: NoteKey = { name: 'stranger.example', key: generateKeyPairSync('ed25519').privateKey };
    expect((await post(addSignature(note, stranger))).status).toBe(403);
    expect((await post('hello')).status).toBe(422);
    const { rootHash, size } = parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1));
    const forgedKey: NoteKey = { name: 'ocx.test/audit', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    expect((await post(addSignature(signNote(checkpointText({ origin: 'ocx.test/audit', size, rootHash, extensions: [] }), forgedKey), witness))).status).toBe(422);

    // The hub's own key over another root (a split view, or a rewritten log): the witness is told 409.
    const { keys } = await hubLogKeys(hub.baseUrl);
    expect(keys.length).toBeGreaterThan(0);
    const cosignatures = await db.query('SELECT count(*)::int AS count FROM audit_cosignature');
    expect(cosignatures).toEqual([{ count: 1 }]);
  });

  it('is caught when rewritten: an altered or deleted entry is named, and a rebuilt log breaks the checkpoints kept before', async () => {
    const kept = await latest();
    const keptFile = path.join(os.tmpdir(), `ocx-kept-checkpoint-${process.pid}.txt`);
    writeFileSync(keptFile, kept);
    const { origin, keys } = await hubLogKeys(hub.baseUrl);
    const source = hubLogSource(hub.baseUrl, { token: auditor });

    const atIndex = (index: number): string => `(SELECT seq FROM audit_leaf WHERE leaf_index = ${index})`;
    await db.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
    await db.query('ALTER TABLE audit_leaf DISABLE TRIGGER audit_leaf_append_only');
    try {
      await db.query(`UPDATE audit_entry SET actor = 'mallory' WHERE seq = ${atIndex(2)}`);
      expect(await verifyLog(source, { origin, logKeys: keys, entries: true })).toMatchObject({ ok: false, problem: 'entry 2 does not hash to its leaf: it was changed after it was logged' });
      await db.query(`UPDATE audit_entry SET actor = (SELECT actor FROM audit_entry WHERE seq = ${atIndex(1)}) WHERE seq = ${atIndex(2)}`);
      const [{ seq }] = await db.query(`DELETE FROM audit_leaf WHERE leaf_index = 4 RETURNING seq`);
      const deleted = await db.query(`DELETE FROM audit_entry WHERE seq = $1 RETURNING *`, [seq]);
      expect(deleted).toHaveLength(1);
      expect(await verifyLog(source, { origin, logKeys: keys, entries: true })).toMatchObject({ ok: false, problem: expect.stringMatching(/^(entry 4 is missing|.*GET tile\/entries\/000\.p\/\d+ answered HTTP 404)/) });

      // Whoever holds the database rebuilds the whole log without entry 4, with the hub's own key, and signs anew.
      await db.query('ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only');
      await db.query(`DELETE FROM audit_leaf; INSERT INTO audit_pending (seq) SELECT seq FROM audit_entry ON CONFLICT DO NOTHING`);
      await db.query(`DELETE FROM audit_log_tile; DELETE FROM audit_cosignature; DELETE FROM audit_checkpoint; UPDATE audit_log_tree SET size = 0, edge = '', root_hash = sha256(''::bytea)`);
      await db.query('ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only');
    } finally {
      await db.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only');
      await db.query('ALTER TABLE audit_leaf ENABLE TRIGGER audit_leaf_append_only');
    }
    await signCheckpoint();
    // On its own the rebuilt log is self-consistent…
    expect(await verifyLog(source, { origin, logKeys: keys, entries: true })).toMatchObject({ ok: true });
    // …but not with the checkpoint the auditor kept, nor with the witness who cosigned it.
    const verdict = await verifyLog(source, { origin, logKeys: keys, trusted: [kept] });
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/^a checkpoint you kept \(size \d+\) (is not a prefix of the latest tree: the log was rewritten after it was signed|has size \d+, larger than the latest \(\d+\): the log was rolled back)$/) });
    const cli = await auditVerify(['--hub', hub.baseUrl, '--trusted', keptFile]);
    expect(cli.code).toBe(1);
    expect(cli.verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/^a checkpoint you kept/) });
    const witnessPost = await fetch(`${hub.baseUrl}/v1/audit/log/cosignatures`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: kept });
    expect(witnessPost.status).toBe(409);
    expect(((await witnessPost.json()) as { code: string }).code).toBe('CHECKPOINT_INCONSISTENT');
  });
});

describe('the audit log shared by two hub processes', () => {
  it('gives every committed entry exactly one index, with both sequencers running and no lock on the request path', async () => {
    const databaseUrl = await TestDatabase.createIsolated('tlog2');
    const env = { AUDIT_SEQUENCE_POLL_MS: '10', AUDIT_CHECKPOINT_EVERY_ENTRIES: '25' };
    const first = await TestHub.start({ databaseUrl, env });
    const second = await TestHub.start({ databaseUrl, env });
    const db = TestDatabase.open(databaseUrl);
    try {
      const staff = await first.token('staff');
      const agency = await PartnerClient.register(first);
      const dispatched = await aDispatchedComplaint(first, staff, [agency.id]);
      const referral = dispatched.referralOf[agency.id]!;
      const token = await agency.token();
      // 120 audited reads, spread over both processes, 8 at a time.
      const reads = Array.from({ length: 120 }, (_, index) => index);
      for (let start = 0; start < reads.length; start += 8) {
        await Promise.all(reads.slice(start, start + 8).map(async (index) => {
          const answer = await (index % 2 ? first : second).request('GET', `/v1/partner/referrals/${referral}`, { token });
          expect(answer.status).toBe(200);
        }));
      }
      const admin = await first.token('admin');
      await first.request('POST', '/v1/audit/log/checkpoints', { token: admin });
      await second.request('POST', '/v1/audit/log/checkpoints', { token: admin });
      const [counts] = await db.query(`SELECT count(*)::int AS entries, count(l.leaf_index)::int AS indexed, count(DISTINCT l.leaf_index)::int AS distinct_indexes,
        coalesce(max(l.leaf_index), -1)::int AS max_index FROM audit_entry e LEFT JOIN audit_leaf l ON l.seq = e.seq`);
      expect(await db.query('SELECT count(*)::int AS pending FROM audit_pending')).toEqual([{ pending: 0 }]);
      expect(counts.entries).toBeGreaterThan(120);
      expect(counts).toEqual({ entries: counts.entries, indexed: counts.entries, distinct_indexes: counts.entries, max_index: counts.entries - 1 });
      const check = await second.request('GET', '/v1/audit/verify', { token: await second.token('auditor') });
      expect(check.body).toMatchObject({ intact: true, treeSize: counts.entries, unsequenced: 0 });
      expect(check.body.checkpoints).toBeGreaterThan(2);
    } finally {
      await first.stop();
      await second.stop();
      await db.close();
    }
  });
});

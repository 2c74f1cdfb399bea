import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { leafHash } from '../src/merkle.js';
import { addSignature, checkpointText, signNote, type NoteKey } from '../src/signed-note.js';
import { appendLeaves, encodeEntryBundle, TILE_WIDTH, type TreeEdge } from '../src/tiles.js';
import { verifyInclusionBundle, verifyLog, type LogSource } from '../src/verify-log.js';

const ORIGIN = 'ocx.test/audit';
const logKey: NoteKey = { name: ORIGIN, key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
const witnessKey: NoteKey = { name: 'witness.example', key: generateKeyPairSync('ed25519').privateKey };
const publicOf = (key: NoteKey): NoteKey => ({ name: key.name, key: createPublicKey(key.key) });

const entryText = (index: number): string => JSON.stringify({ action: 'referral.sent', at: `2026-12-01T00:00:${String(index % 60).padStart(2, '0')}.000Z`, documentSha256: index.toString(16).padStart(64, '0') });

/** A log in memory, built as the hub builds it: entries appended in batches, a checkpoint signed after each. */
class MemoryLog implements LogSource {
  entries: Buffer[] = [];
  tiles = new Map<string, Buffer[]>();
  notes: string[] = [];
  private tree: TreeEdge = { size: 0, edge: [] };

  append(count: number): string {
    const batch = Array.from({ length: count }, (_, offset) => Buffer.from(entryText(this.entries.length + offset)));
    this.entries.push(...batch);
    const appended = appendLeaves(this.tree, batch.map((entry) => leafHash(entry)));
    for (const append of appended.tileAppends) {
      const key = `${append.level}/${append.index}`;
      this.tiles.set(key, [...(this.tiles.get(key) ?? []), ...append.hashes]);
    }
    this.tree = appended;
    const note = signNote(checkpointText({ origin: ORIGIN, size: appended.size, rootHash: appended.root, extensions: [] }), logKey);
    this.notes.push(note);
    return note;
  }

  async checkpoint(): Promise<string> {
    return this.notes.at(-1)!;
  }

  async checkpoints(): Promise<string[]> {
    return this.notes.slice(0, -1);
  }

  async tile(level: number, index: number, width: number): Promise<Buffer> {
    return Buffer.concat((this.tiles.get(`${level}/${index}`) ?? []).slice(0, width));
  }

  async entryBundle(index: number, width: number): Promise<Buffer> {
    return encodeEntryBundle(this.entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width));
  }
}

const options = { origin: ORIGIN, logKeys: [publicOf(logKey)] };

describe('verifyLog, the offline verifier', () => {
  it('accepts an honest log, checks every entry and finds one by the document it names', async () => {
    const log = new MemoryLog();
    for (const count of [3, 300, 1, 70]) log.append(count);
    const verdict = await verifyLog(log, { ...options, entries: true, find: { documentSha256: (301).toString(16).padStart(64, '0') } });
    expect(verdict).toMatchObject({ ok: true, size: 374, checkpointsChecked: 4, entriesChecked: 374, found: { index: 301, entry: entryText(301) } });
    if (!verdict.ok || !verdict.found) throw new Error('unreachable');
    expect(verifyInclusionBundle({ entry: verdict.found.entry, index: 301, treeSize: 374, proof: verdict.found.proof, checkpoint: log.notes.at(-1)! }, options)).toMatchObject({ ok: true });
    expect(verifyInclusionBundle({ entry: entryText(302), index: 301, treeSize: 374, proof: verdict.found.proof, checkpoint: log.notes.at(-1)! }, options)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not put this entry at index 301/) });
  });

  it('names an entry changed after it was logged, and one removed', async () => {
    const log = new MemoryLog();
    log.append(600);
    log.entries[517] = Buffer.from(entryText(517).replace('referral.sent', 'referral.recalled'));
    expect(await verifyLog(log, { ...options, entries: true })).toEqual({ ok: false, size: 600, problem: 'entry 517 does not hash to its leaf: it was changed after it was logged' });
    log.entries.splice(517, 1);
    expect(await verifyLog(log, { ...options, entries: true })).toMatchObject({ ok: false, problem: expect.stringMatching(/^entry 5\d\d does not hash|entry 599 is missing/) });
  });

  it('catches a log rebuilt after a checkpoint that the verifier kept', async () => {
    const honest = new MemoryLog();
    const kept = honest.append(200);
    const rebuilt = new MemoryLog();
    rebuilt.append(150);
    rebuilt.entries.push(Buffer.from('{"action":"forged"}'));
    rebuilt.append(100);
    expect(await verifyLog(rebuilt, options)).toMatchObject({ ok: true });
    expect(await verifyLog(rebuilt, { ...options, trusted: [kept] })).toEqual({ ok: false, size: 250, problem: 'a checkpoint you kept (size 200) is not a prefix of the latest tree: the log was rewritten after it was signed' });
    const shorter = new MemoryLog();
    shorter.append(100);
    expect(await verifyLog(shorter, { ...options, trusted: [kept] })).toMatchObject({ ok: false, problem: expect.stringMatching(/larger than the latest \(100\): the log was rolled back/) });
  });

  it('names altered tiles, a foreign signature and missing witnesses', async () => {
    const log = new MemoryLog();
    log.append(70000);
    const level0 = log.tiles.get('0/3')!;
    level0[5] = leafHash(Buffer.from('swapped'));
    expect(await verifyLog(log, options)).toMatchObject({ ok: false, problem: 'tile/0/003 does not hash to its node in the level above: the tiles were altered' });
    const stranger: NoteKey = { name: ORIGIN, key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    expect(await verifyLog(log, { ...options, logKeys: [stranger] })).toMatchObject({ ok: false, problem: 'the latest checkpoint: no key this verifier trusts signed the note' });

    const fresh = new MemoryLog();
    fresh.append(10);
    expect(await verifyLog(fresh, { ...options, witnesses: [witnessKey], minWitnesses: 1 })).toMatchObject({ ok: false, problem: 'the latest checkpoint carries 0 witness cosignature(s), 1 required' });
    fresh.notes[0] = addSignature(fresh.notes[0]!, witnessKey);
    expect(await verifyLog(fresh, { ...options, witnesses: [witnessKey], minWitnesses: 1 })).toMatchObject({ ok: true, witnesses: ['witness.example'] });
  });
});

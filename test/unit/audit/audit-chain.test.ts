import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type AuditRecord, type ChainedRecord } from '../../../src/audit/audit-chain.js';

function record(action: string, details: AuditRecord['details'] = {}): AuditRecord {
  return { at: '2026-11-22T10:00:00.000Z', actor: 'somchai', actorRole: 'staff', action, subjectType: 'referral', subjectId: 'r1', partnerId: 'ocpb', outcome: 'ok', details };
}

function chain(records: AuditRecord[]): ChainedRecord[] {
  let prev = GENESIS_HASH;
  return records.map((entry, index) => {
    const hash = chainHash(prev, index + 1, entry);
    const chained = { ...entry, seq: index + 1, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

describe('audit hash chain', () => {
  const entries = chain([record('referral.dispatched'), record('referral.read'), record('status_event.accepted', { status: 'acknowledged' })]);

  it('verifies an untouched chain and reports its head', () => {
    expect(verifyChain(entries)).toEqual({ intact: true, entries: 3, head: entries[2]!.hash });
  });

  it('finds a changed entry', () => {
    const changed = entries.map((entry) => (entry.seq === 2 ? { ...entry, actor: 'mallory' } : entry));
    expect(verifyChain(changed)).toMatchObject({ intact: false, brokenAt: 2, reason: expect.stringContaining('changed') });
  });

  it('finds a removed entry', () => {
    expect(verifyChain([entries[0]!, entries[2]!])).toMatchObject({ intact: false, brokenAt: 3, reason: 'entry 2 is missing' });
  });

  it('finds an entry re-hashed after a change (it no longer links to the next)', () => {
    const forged = { ...entries[1]!, actor: 'mallory' };
    forged.hash = chainHash(forged.prevHash, 2, { ...record('referral.read'), actor: 'mallory' });
    expect(verifyChain([entries[0]!, forged, entries[2]!])).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it('hashes the same record the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe('{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}');
  });
});

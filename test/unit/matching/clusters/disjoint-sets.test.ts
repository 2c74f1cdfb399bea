import { describe, expect, it } from '@jest/globals';
import { BlindIndex, rekey } from '../../../../src/matching/identifiers/blind-index.js';
import { matchesFor, type ClusterCase } from '../../../../src/matching/clusters/cluster-view.js';
import { pairwiseScores } from '../../../../bench/pairwise-scores.js';
import { componentsOf, DisjointSets } from '../../../../src/matching/clusters/disjoint-sets.js';

describe('clusters as connected components', () => {
  it('joins chains and keeps strangers apart', () => {
    const sets = new DisjointSets<string>();
    sets.union('a', 'b');
    sets.union('c', 'd');
    sets.union('b', 'c');
    sets.add('e');
    expect(sets.components().map((component) => component.sort()).sort()).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('groups cases that share any key, through chains', () => {
    const cases = [{ id: 1, keys: ['p1'] }, { id: 2, keys: ['p1', 'b1'] }, { id: 3, keys: ['b1'] }, { id: 4, keys: ['x'] }, { id: 5, keys: [] }];
    expect(componentsOf(cases, (entry) => entry.keys).map((component) => component.map((entry) => entry.id))).toEqual([[1, 2, 3], [4], [5]]);
  });

  it('scores pairs: precision, recall and F1 against labels', () => {
    const labels = new Map([['a', 'g1'], ['b', 'g1'], ['c', 'g1'], ['d', 'g2']]);
    expect(pairwiseScores(new Map([['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'y']]), labels)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    // a-b found, a-c and b-c missed; a wrong pair c-d.
    const scores = pairwiseScores(new Map([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', 'y']]), labels);
    expect(scores).toMatchObject({ truePairs: 1, predictedPairs: 2, labelledPairs: 3, precision: 0.5 });
    expect(scores.recall).toBeCloseTo(1 / 3);
  });
});

describe('the blind index', () => {
  const k1 = Buffer.alloc(32, 1);
  const k2 = Buffer.alloc(32, 2);

  it('hashes kind and value under the key, so equal digits of two kinds differ', () => {
    const index = new BlindIndex([k1]);
    expect(index.of({ kind: 'phone', value: '+66812345678' })).toHaveLength(32);
    expect(index.of({ kind: 'phone', value: '+66812345678' }).equals(index.of({ kind: 'phone', value: '+66812345678' }))).toBe(true);
    expect(index.of({ kind: 'phone', value: '1' }).equals(index.of({ kind: 'bank_account', value: '1' }))).toBe(false);
    expect(index.of({ kind: 'phone', value: '1' }).equals(new BlindIndex([k2]).of({ kind: 'phone', value: '1' }))).toBe(false);
  });

  it('rotates without raw values: re-keying a stored hash equals hashing under the chained keys', () => {
    const stored = new BlindIndex([k1]).of({ kind: 'phone', value: '+66812345678' });
    expect(rekey(k2, stored).equals(new BlindIndex([k1, k2]).of({ kind: 'phone', value: '+66812345678' }))).toBe(true);
  });
});

describe('what an agency learns of a cluster', () => {
  const identifier = (hex: string, kind: 'phone' | 'bank_account', createdAt = '2026-11-01T00:00:00.000Z') => ({ hex, kind, strength: 'strong' as const, masked: `${kind}-masked`, linking: true, shared: true, createdAt });
  const cases: ClusterCase[] = [
    { id: 'c1', holder: '1212', caseRef: 'AAAA-BBBB-C', complaintId: 'x', clusterId: 'k', category: 'shopping', subCategory: null, reportedAt: '', referrals: [{ id: 'r1', partnerId: 'ocpb' }], identifiers: [identifier('p', 'phone'), identifier('b', 'bank_account')] },
    { id: 'c2', holder: 'tcsd', caseRef: 'ปอท.1/1', complaintId: null, clusterId: 'k', category: 'shopping', subCategory: null, reportedAt: '', referrals: [], identifiers: [identifier('b', 'bank_account', '2026-11-02T00:00:00.000Z')] },
    { id: 'c3', holder: 'ccib', caseRef: 'CCIB-9', complaintId: null, clusterId: 'k', category: 'shopping', subCategory: null, reportedAt: '', referrals: [], identifiers: [identifier('p', 'phone', '2026-11-03T00:00:00.000Z')] },
  ];

  it('names the other agencies and the identifier that links them, directly or through the chain', () => {
    const forPolice = matchesFor(cases, { agency: 'tcsd', caseId: 'c2', yourCase: { partnerCaseNumber: 'ปอท.1/1' } });
    expect(forPolice).toEqual([
      { partnerId: '1212', identifierType: 'bank_account', maskedValue: 'bank_account-masked', linkedAt: '2026-11-02T00:00:00.000Z' },
      { partnerId: 'ocpb', identifierType: 'bank_account', maskedValue: 'bank_account-masked', linkedAt: '2026-11-02T00:00:00.000Z' },
      { partnerId: 'ccib', identifierType: 'phone', maskedValue: 'phone-masked', linkedAt: '2026-11-03T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(forPolice)).not.toContain('CCIB-9');
    expect(JSON.stringify(forPolice)).not.toContain('AAAA');
  });

  it('does not list the recipient itself', () => {
    expect(matchesFor(cases, { agency: 'ocpb', caseId: 'c1', yourCase: { referralId: 'r1' } }).map((line) => line.partnerId).sort()).toEqual(['ccib', 'tcsd']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { ruleSending, suggestAgencies, type RuleLike } from '../../../src/routing/suggest-agencies.js';

const rules: RuleLike[] = [
  { id: 1, category: 'shopping', subCategory: null, partnerId: 'ocpb', priority: 10 },
  { id: 2, category: 'shopping', subCategory: 'not_received', partnerId: 'tcsd', priority: 20 },
  { id: 3, category: 'shopping', subCategory: 'illegal_health_product', partnerId: 'fda', priority: 5 },
  { id: 4, category: 'shopping', subCategory: 'illegal_health_product', partnerId: 'ocpb', priority: 30 },
  { id: 5, category: 'cyber_threat', subCategory: null, partnerId: 'thaicert', priority: 10 },
];

describe('suggestAgencies', () => {
  it('puts rules for the sub-category before category-wide ones', () => {
    expect(suggestAgencies(rules, 'shopping', 'not_received').map((s) => [s.partnerId, s.rule.id])).toEqual([
      ['tcsd', 2],
      ['ocpb', 1],
    ]);
  });

  it('names each agency once, under its most specific rule', () => {
    expect(suggestAgencies(rules, 'shopping', 'illegal_health_product').map((s) => [s.partnerId, s.rule.id])).toEqual([
      ['fda', 3],
      ['ocpb', 4],
    ]);
  });

  it('suggests nothing when no rule matches', () => {
    expect(suggestAgencies(rules, 'digital_law', 'pdpa')).toEqual([]);
  });

  it('names the rule that sends a kind of complaint to an agency, or none', () => {
    expect(ruleSending(rules, 'shopping', 'illegal_health_product', 'ocpb')?.id).toBe(4);
    expect(ruleSending(rules, 'shopping', 'illegal_health_product', 'fda')?.id).toBe(3);
    expect(ruleSending(rules, 'digital_law', 'pdpa', 'ocpb')).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import { lockAndFindClustersHolding } from '../../../src/matching/matching.sql.js';

describe('lockAndFindClustersHolding: the probe as text, with no parameters', () => {
  it('writes each hash as a decoded hex literal and the lock key as an integer', () => {
    expect(lockAndFindClustersHolding(['0a1b', 'ff00'], 42)).toBe(
      "SELECT hex, cluster_id, agencies FROM match_clusters_holding(ARRAY[decode('0a1b', 'hex'), decode('ff00', 'hex')]::bytea[], 42)",
    );
    expect(lockAndFindClustersHolding([], 42)).toContain('ARRAY[]::bytea[]');
  });

  it.each([["0a'); DROP TABLE match_case; --"], ['0A1B'], ['0a1'], ['']])('refuses %p, which is not a hash the hub made', (hex) => {
    expect(() => lockAndFindClustersHolding([hex], 42)).toThrow('not lower-case hex');
  });

  it('refuses a lock key that is not an integer', () => {
    expect(() => lockAndFindClustersHolding([], 1.5)).toThrow('not an integer');
  });
});

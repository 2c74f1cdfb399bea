import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTransition, isOpenReferral, OPEN_STATUSES, REFERRAL_TRANSITIONS, TERMINAL_STATUSES } from '../../../src/referrals/referral-status.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../src/standard/codes.js';
import { findSchemasDir } from '../../../src/standard/schema-registry.js';

const allowed: Array<[ReferralStatus, ReferralStatus]> = [
  ['dispatched', 'delivered'],
  ['dispatched', 'acknowledged'],
  ['delivered', 'acknowledged'],
  ['delivered', 'rejected'],
  ['delivered', 'transferred'],
  ['acknowledged', 'in_progress'],
  ['acknowledged', 'info_requested'],
  ['acknowledged', 'resolved'],
  ['in_progress', 'in_progress'],
  ['in_progress', 'info_requested'],
  ['info_requested', 'in_progress'],
  ['info_requested', 'resolved'],
  ['in_progress', 'resolved'],
  ['in_progress', 'rejected'],
  ['in_progress', 'transferred'],
  ['dispatched', 'retracted'],
  ['info_requested', 'retracted'],
];

const refused: Array<[ReferralStatus, ReferralStatus]> = [
  ['dispatched', 'in_progress'],
  ['dispatched', 'resolved'],
  ['delivered', 'dispatched'],
  ['delivered', 'in_progress'],
  ['acknowledged', 'acknowledged'],
  ['acknowledged', 'delivered'],
  ['info_requested', 'info_requested'],
  ['info_requested', 'acknowledged'],
  ['resolved', 'in_progress'],
  ['resolved', 'resolved'],
  ['rejected', 'acknowledged'],
  ['transferred', 'in_progress'],
  ['resolved', 'retracted'],
  ['retracted', 'in_progress'],
];

describe('referral state machine', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ allowed: true });
  });

  it.each(refused)('refuses %s → %s and names what is allowed', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ allowed: false, allowedNext: REFERRAL_TRANSITIONS[from] });
  });

  it('ends in resolved, rejected, transferred and retracted only', () => {
    expect(TERMINAL_STATUSES).toEqual(['resolved', 'rejected', 'transferred', 'retracted']);
    expect([...OPEN_STATUSES, ...TERMINAL_STATUSES].sort()).toEqual([...REFERRAL_STATUSES].sort());
    // Spelled as the partial index referral_open_once spells its predicate.
    expect(isOpenReferral('r.status')).toBe("r.status NOT IN ('resolved', 'rejected', 'transferred', 'retracted')");
  });

  it('matches the transition table published in schemas/README.md', () => {
    const prose = readFileSync(path.join(findSchemasDir(), '..', '..', 'README.md'), 'utf8');
    for (const status of REFERRAL_STATUSES) {
      const row = prose.split('\n').find((line) => line.startsWith(`| \`${status}\` |`));
      expect(row).toBeDefined();
      const next = [...row!.split('|')[2]!.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]);
      expect(next).toEqual([...REFERRAL_TRANSITIONS[status]]);
    }
  });
});

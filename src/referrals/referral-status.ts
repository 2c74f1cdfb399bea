import { REFERRAL_STATUSES, type ReferralStatus } from '../standard/codes.js';

/**
 * The referral state machine of OCX v1 (schemas/README.md, "Referral states").
 * `dispatched` and `delivered` are set by the hub; the rest come from the
 * partner's StatusEvents. Terminal states allow nothing further.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  dispatched: ['delivered', 'acknowledged', 'rejected', 'transferred', 'retracted'],
  delivered: ['acknowledged', 'rejected', 'transferred', 'retracted'],
  acknowledged: ['in_progress', 'info_requested', 'resolved', 'rejected', 'transferred', 'retracted'],
  // Repeating in_progress carries a progress note.
  in_progress: ['in_progress', 'info_requested', 'resolved', 'rejected', 'transferred', 'retracted'],
  info_requested: ['in_progress', 'resolved', 'rejected', 'transferred', 'retracted'],
  resolved: [],
  rejected: [],
  transferred: [],
  // 1212 withdrew the complaint (a Retraction, 1.1): the hub's move, never a partner's.
  retracted: [],
};

export type TransitionCheck = { allowed: true } | { allowed: false; allowedNext: readonly ReferralStatus[] };

export function checkTransition(from: ReferralStatus, to: ReferralStatus): TransitionCheck {
  const allowedNext = REFERRAL_TRANSITIONS[from];
  return allowedNext.includes(to) ? { allowed: true } : { allowed: false, allowedNext };
}

/** The states that allow nothing further: the one definition, which the SQL spells through `isOpenReferral`. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter((status) => REFERRAL_TRANSITIONS[status].length === 0);

/** The states in which an agency is still working on a referral. */
export const OPEN_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/** An SQL condition on a status column (e.g. `r.status`): the referral is open. Literals, not a parameter, so it matches a partial index's predicate. */
export function isOpenReferral(status: string): string {
  return `${status} NOT IN (${TERMINAL_STATUSES.map((terminal) => `'${terminal}'`).join(', ')})`;
}

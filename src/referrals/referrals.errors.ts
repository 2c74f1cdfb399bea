import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const REFERRAL_PROBLEMS = {
  REFERRAL_NOT_FOUND: { status: 404, title: 'No such referral' },
  REFERRAL_ALREADY_OPEN: { status: 409, title: 'This agency already holds an open referral of the complaint' },
  DISPATCH_CONFLICT: { status: 409, title: 'The complaint kept changing while it was being dispatched' },
  REFERRAL_PARTNER_UNAVAILABLE: { status: 422, title: 'The agency cannot receive referrals' },
  REFERRAL_DATA_CLASS_NOT_COVERED: { status: 422, title: "The agency's legal basis does not cover a data class chosen" },
  REFERRAL_MISMATCH: { status: 422, title: 'The document is about another referral' },
  STATUS_EVENT_OUT_OF_SEQUENCE: { status: 409, title: 'The event is not the next of your numbered events about this referral' },
  TRANSITION_NOT_ALLOWED: { status: 409, title: 'The referral cannot move to that status' },
  REFERRAL_NOT_AWAITING_INFORMATION: { status: 409, title: 'The referral is not waiting for information' },
  INFORMATION_ALREADY_ANSWERED: { status: 409, title: "The agency's request was already answered" },
  REFERRAL_NOT_TRANSFERRED: { status: 409, title: 'There is no transfer to confirm' },
  REFERENCE_CODE_UNKNOWN: { status: 404, title: 'Unknown reference code' },
} as const satisfies ProblemTable<string>;

export class ReferralError extends errorFamily(REFERRAL_PROBLEMS) {}

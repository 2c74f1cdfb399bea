import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const MATCHING_PROBLEMS = {
  MATCH_CASE_NOT_FOUND: { status: 404, title: 'No such case in the matching index' },
  CLUSTER_NOT_FOUND: { status: 404, title: 'No such cluster' },
  MATCH_CASE_NOT_IN_CLUSTER: { status: 422, title: 'The case is not in this cluster' },
  MATCH_IDENTIFIER_NOT_LINKING: { status: 409, title: 'The identifier does not link this case' },
  MATCH_NOTICE_NOT_FOUND: { status: 404, title: 'No such MatchNotice' },
  IDENTIFIER_UNUSABLE: { status: 422, title: 'The value identifies nobody' },
  WARNING_ENTRY_NOT_FOUND: { status: 404, title: 'No such entry on the warning list' },
  WARNING_ENTRY_INVALID: { status: 422, title: 'The value cannot be listed' },
  WARNING_ENTRY_EXISTS: { status: 409, title: 'The value is already on the warning list' },
  CASE_SHARE_REFERRAL_UNKNOWN: { status: 422, title: 'The CaseShare names a referral you were not sent' },
} as const satisfies ProblemTable<string>;

export class MatchingError extends errorFamily(MATCHING_PROBLEMS) {}

import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const CORRECTION_PROBLEMS = {
  CORRECTION_NOT_FOUND: { status: 404, title: 'No such Correction or Retraction' },
  CORRECTION_CHANGES_NOTHING: { status: 422, title: 'The correction changes nothing an agency received' },
  CORRECTION_DUPLICATE_UNKNOWN: { status: 422, title: 'The complaint named as the original is not known' },
  CORRECTION_ALREADY_ACKNOWLEDGED: { status: 409, title: 'Another Acknowledgement already answered this document' },
  ACKNOWLEDGEMENT_MISMATCH: { status: 422, title: 'The Acknowledgement is about another referral' },
} as const satisfies ProblemTable<string>;

export class CorrectionError extends errorFamily(CORRECTION_PROBLEMS) {}

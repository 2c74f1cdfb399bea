import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const EVIDENCE_PROBLEMS = {
  EVIDENCE_NOT_FOUND: { status: 404, title: 'No such evidence item' },
  EVIDENCE_TOO_LARGE: { status: 413, title: 'The evidence file is too large' },
  EVIDENCE_EMPTY: { status: 422, title: 'The evidence file is empty' },
  EVIDENCE_TYPE_NOT_ALLOWED: { status: 415, title: 'This kind of file is not accepted as evidence' },
  EVIDENCE_TYPE_MISMATCH: { status: 415, title: "The file's name says another type than its content" },
  EVIDENCE_LOCKED: { status: 409, title: 'Evidence of a dispatched complaint cannot be deleted' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'The requested range is outside the file' },
} as const satisfies ProblemTable<string>;

export class EvidenceError extends errorFamily(EVIDENCE_PROBLEMS) {}

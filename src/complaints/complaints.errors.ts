import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const COMPLAINT_PROBLEMS = {
  COMPLAINT_NOT_FOUND: { status: 404, title: 'No such complaint' },
  COMPLAINT_INVALID: { status: 422, title: 'The complaint is not valid' },
  COMPLAINT_ALREADY_DISPATCHED: { status: 409, title: 'The complaint has been dispatched and can no longer be edited' },
  COMPLAINT_NOT_DISPATCHED: { status: 409, title: 'The complaint has not been dispatched' },
  COMPLAINT_WITHDRAWN: { status: 409, title: 'The complaint was withdrawn' },
} as const satisfies ProblemTable<string>;

export class ComplaintError extends errorFamily(COMPLAINT_PROBLEMS) {}

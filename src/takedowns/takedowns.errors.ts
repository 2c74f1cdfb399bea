import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const TAKEDOWN_PROBLEMS = {
  TAKEDOWN_NOT_FOUND: { status: 404, title: 'No such takedown request' },
  TAKEDOWN_INVALID: { status: 422, title: 'The takedown request is not valid' },
  TAKEDOWN_TARGET_INVALID: { status: 422, title: 'A target cannot be sent to a platform' },
  TAKEDOWN_RESPONSE_INVALID: { status: 422, title: 'The takedown response does not fit its request' },
} as const satisfies ProblemTable<string>;

export class TakedownError extends errorFamily(TAKEDOWN_PROBLEMS) {}

import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const IDEMPOTENCY_PROBLEMS = {
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for another request' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, title: 'The Idempotency-Key header is not valid' },
} as const satisfies ProblemTable<string>;

export class IdempotencyError extends errorFamily(IDEMPOTENCY_PROBLEMS) {}

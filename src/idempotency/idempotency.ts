import { createHash } from 'node:crypto';
import { IdempotencyError } from './idempotency.errors.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** A request sent with an Idempotency-Key: who sent it, the key, and what the request was. */
export interface IdempotentRequest {
  actor: string;
  key: string;
  route: string;
  requestSha256: string;
}

/** How an earlier use of the key was stored (see idempotency_record). */
export interface EarlierUse {
  route: string;
  requestSha256: string;
  responseStatus: number;
  responseBody: unknown;
  createdAt: string | Date;
}

/**
 * Checks the key and fingerprints the request. The first answer is kept in the
 * same statement as the change it answers, so a key is taken only by a request
 * that changed something; a concurrent request with the same key collides on the
 * record's primary key, nothing of it is written, and it reads the first answer.
 */
export function idempotentRequest(actor: string, key: string, route: string, request: unknown): IdempotentRequest {
  if (!KEY_PATTERN.test(key)) throw new IdempotencyError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8-128 characters of letters, digits and . _ : - (a UUID is ideal).');
  return { actor, key, route, requestSha256: createHash('sha256').update(JSON.stringify(request ?? null)).digest('hex') };
}

/** The first answer, when the key was used before for this very request; the same key with another request is refused. */
export function replayOf<Body>(request: IdempotentRequest, earlier: EarlierUse | null): { status: number; body: Body } | null {
  if (!earlier) return null;
  if (earlier.route !== request.route || earlier.requestSha256 !== request.requestSha256) {
    throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key "${request.key}" was first used at ${new Date(earlier.createdAt).toISOString()} for another request; use a new key for a new request.`);
  }
  return { status: earlier.responseStatus, body: earlier.responseBody as Body };
}

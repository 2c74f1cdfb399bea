import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import { ReferralError } from './referrals.errors.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export type IdempotentOutcome<Body> = { replayed: true; status: number; body: Body } | { replayed: false };

/**
 * Claims an Idempotency-Key inside the caller's transaction. A concurrent request
 * with the same key waits on the row lock until the first commits, then gets its
 * answer. The same key with another request body is refused.
 */
export async function claimIdempotencyKey<Body>(manager: EntityManager, actor: string, key: string, route: string, request: unknown): Promise<IdempotentOutcome<Body>> {
  if (!KEY_PATTERN.test(key)) throw new ReferralError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8-128 characters of letters, digits and . _ : - (a UUID is ideal).');
  const requestSha256 = createHash('sha256').update(JSON.stringify(request ?? null)).digest('hex');
  const [inserted] = (await manager.query(
    `INSERT INTO idempotency_record (actor, key, route, request_sha256) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
    [actor, key, route, requestSha256],
  )) as [{ key: string }?];
  if (inserted) return { replayed: false };
  const first = await manager.getRepository(IdempotencyRecord).findOneByOrFail({ actor, key });
  if (first.route !== route || first.requestSha256 !== requestSha256) {
    throw new ReferralError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key "${key}" was first used at ${first.createdAt.toISOString()} for another request; use a new key for a new request.`);
  }
  return { replayed: true, status: first.responseStatus ?? 200, body: first.responseBody as Body };
}

export async function recordIdempotentResponse(manager: EntityManager, actor: string, key: string, status: number, body: unknown): Promise<void> {
  await manager.update(IdempotencyRecord, { actor, key }, { responseStatus: status, responseBody: body as object });
}

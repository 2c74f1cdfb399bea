/**
 * The idempotency module's SQL: `idempotency_record` is named only here. A use case keeps
 * the first answer to a request sent with an Idempotency-Key in the statement (or the
 * transaction) that makes the change it answers, and reads it back for a retry.
 */

/** A scalar subquery: the earlier use of key `key` by `actor` (placeholders) as JSON (EarlierUse), or NULL. */
export function earlierUse(actor: string, key: string): string {
  return `(SELECT json_build_object('route', i.route, 'requestSha256', i.request_sha256, 'responseStatus', i.response_status,
              'responseBody', i.response_body, 'createdAt', i.created_at) FROM idempotency_record i WHERE i.actor = ${actor}::text AND i.key = ${key}::text)`;
}

/**
 * A data-modifying CTE body that keeps an answer: actor, key, route, request hash, status
 * and body (placeholders), written only when `guard` (a CTE name) has a row and `key` is
 * not NULL. A second request with the same key collides on the primary key.
 */
export function rememberAnswer(columns: { actor: string; key: string; route: string; requestSha256: string; status: string; body: string }, guard: string): string {
  return `INSERT INTO idempotency_record (actor, key, route, request_sha256, response_status, response_body)
     SELECT ${columns.actor}::text, ${columns.key}::text, ${columns.route}::text, ${columns.requestSha256}::text, ${columns.status}::int, ${columns.body}::jsonb
     FROM ${guard} WHERE ${columns.key}::text IS NOT NULL
     RETURNING 1`;
}

/** The earlier use of a key, in a statement of its own ($1 actor, $2 key). */
export const EARLIER_USE = `SELECT ${earlierUse('$1', '$2')} AS earlier`;

/** Keeps an answer inside the caller's transaction ($1 actor … $6 body). */
export const REMEMBER_ANSWER = `INSERT INTO idempotency_record (actor, key, route, request_sha256, response_status, response_body) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`;

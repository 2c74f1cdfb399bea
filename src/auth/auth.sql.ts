/** The auth module's SQL: `used_assertion`, the client assertions already used (RFC 7523 §3: a jti is used once). */

/** Assertions expired a minute ago can no longer be replayed: forgetting them keeps the table small. */
export const FORGET_EXPIRED_ASSERTIONS = `DELETE FROM used_assertion WHERE expires_at < now() - interval '1 minute'`;

/** Records an assertion's jti ($2) for partner $1 until $3; no row back when it was used before. */
export const RECORD_ASSERTION = 'INSERT INTO used_assertion (partner_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING jti';

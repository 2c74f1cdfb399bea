/**
 * The corrections module's SQL: `correction` is named only here and in the module's repository. Other modules
 * compose these parts (a referral's stream of documents reads `CORRECTIONS_OF_REFERRAL`).
 */

/** The Corrections and Retractions about referral $1 sent to partner $2 after number $3 of the referral's stream, in order (JWS sealed). */
export const CORRECTIONS_OF_REFERRAL = `SELECT document_id AS id, kind, jws, sequence FROM correction
   WHERE referral_id = $1 AND partner_id = $2 AND sequence > $3 ORDER BY sequence`;

/**
 * Claims up to $2 unacknowledged documents past their deadline at $1, not chased in the last $3 seconds, for this
 * process (FOR UPDATE SKIP LOCKED: several processes share the work, none chases one twice), and marks them chased
 * at $1. Returns what the chase needs.
 */
export const CLAIM_OVERDUE = `UPDATE correction c SET chased_at = $1, chase_count = c.chase_count + 1
   FROM (SELECT document_id FROM correction
          WHERE acknowledged_at IS NULL AND acknowledge_by <= $1::timestamptz
            AND (chased_at IS NULL OR chased_at <= $1::timestamptz - make_interval(secs => $3))
          ORDER BY acknowledge_by LIMIT $2 FOR UPDATE SKIP LOCKED) AS due
   WHERE c.document_id = due.document_id
   RETURNING c.document_id, c.kind, c.referral_id, c.partner_id, c.jws, c.chase_count`;

/** Stored Correction and Retraction JWSs not under the current data key ($3, a LIKE pattern), after $1 in id order. */
export const STALE_CORRECTIONS = `SELECT document_id AS id, jws AS value FROM correction
   WHERE jws NOT LIKE $3 AND document_id > $1::uuid ORDER BY document_id LIMIT $2`;

/** None is ever stored in clear: the query a reseal of unsealed documents needs finds nothing. */
export const UNSEALED_CORRECTIONS = `SELECT document_id AS id, jws AS value FROM correction WHERE false AND document_id > $1::uuid LIMIT $2`;

export const RESEAL_CORRECTION = `UPDATE correction SET jws = $2 WHERE document_id = $1 AND jws = $3`;

/**
 * The delivery module's SQL: `outbox_message`, `delivery_attempt` and `document_stream` are written only here.
 * A use case that must queue pushes in its own statement composes `enqueuePushes`; one that opens a referral's
 * stream of documents composes `openDocumentStreams`.
 */

/**
 * Opens the stream of each new referral in `referrals` (a placeholder for a JSON array of objects with `id`, as
 * dispatch writes them): its first document, the Referral, is number 1 (§4.7). `guard` names a CTE that must have a row.
 */
export function openDocumentStreams(referrals: string, guard: string): string {
  return `INSERT INTO document_stream (referral_id, last_sequence)
     SELECT r.id, 1 FROM json_to_recordset(${referrals}::json) AS r(id uuid)
     WHERE EXISTS (SELECT FROM ${guard})
     RETURNING 1`;
}

/** The number of the latest document issued about referral $1 (none: no row). */
export const LAST_DOCUMENT_SEQUENCE = 'SELECT last_sequence FROM document_stream WHERE referral_id = $1';

/**
 * The next number of each referral's stream ($1, distinct ids, in a stable order so that two transactions take the
 * rows in the same order): the row stays locked until the caller commits, so numbers are given in commit order and
 * none is lost or given twice.
 */
export const NEXT_DOCUMENT_SEQUENCES = `INSERT INTO document_stream AS stream (referral_id, last_sequence)
       SELECT id, 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS wanted(id, position) ORDER BY position
       ON CONFLICT (referral_id) DO UPDATE SET last_sequence = stream.last_sequence + 1
       RETURNING referral_id, last_sequence`;

/** A push as it is queued: the signed document and where it goes. */
export interface NewOutboxMessage {
  id: string;
  referralId: string | null;
  partnerId: string;
  documentType: string;
  endpointUrl: string;
  payload: string;
}

function insertPushes(messages: string): string {
  return `INSERT INTO outbox_message (id, referral_id, partner_id, document_type, endpoint_url, payload, status, attempts, next_attempt_at)
     SELECT p.id, p."referralId", p."partnerId", p."documentType", p."endpointUrl", p.payload, 'pending', 0, now()
     FROM json_to_recordset(${messages}::json) AS p(id uuid, "referralId" uuid, "partnerId" varchar, "documentType" text, "endpointUrl" text, payload text)`;
}

/**
 * A data-modifying CTE body that queues pushes, due now: `messages` is a placeholder for a
 * JSON array of `NewOutboxMessage` (one parameter, not one per column: the pg driver
 * escapes array elements one by one), `guard` the name of a CTE that must have a row.
 */
export function enqueuePushes(messages: string, guard: string): string {
  return `${insertPushes(messages)}
     WHERE EXISTS (SELECT FROM ${guard})
     RETURNING 1`;
}

export const ENQUEUE = insertPushes('$1');

/**
 * Claims up to $1 due messages for this worker, for $2 seconds (a lease: another worker skips them until it
 * expires), at most $5 per partner less what this worker already has in flight for it ($3 partners, $4 counts):
 * a partner whose endpoint hangs holds its own slots, never the others' (no head-of-line blocking).
 */
export const CLAIM_DUE = `UPDATE outbox_message SET lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
       WHERE id IN (
         SELECT picked.id
         FROM (SELECT DISTINCT partner_id FROM outbox_message
               WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                 AND NOT EXISTS (SELECT 1 FROM push_endpoint_state s WHERE s.partner_id = outbox_message.partner_id AND s.paused_at IS NOT NULL)) AS due
         LEFT JOIN unnest($3::varchar[], $4::int[]) AS busy(partner_id, in_flight) USING (partner_id)
         CROSS JOIN LATERAL (
           SELECT m.id, m.next_attempt_at FROM outbox_message m
           WHERE m.partner_id = due.partner_id AND m.status = 'pending' AND m.next_attempt_at <= now()
             AND (m.lease_until IS NULL OR m.lease_until < now())
           ORDER BY m.next_attempt_at
           LIMIT greatest($5::int - coalesce(busy.in_flight, 0), 0)
           FOR UPDATE SKIP LOCKED) AS picked
         ORDER BY picked.next_attempt_at
         LIMIT $1)
       RETURNING id`;

/** A dead message back in line, with a fresh retry schedule. */
export const REDELIVER = `UPDATE outbox_message SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL WHERE id = $1 AND status = 'dead' RETURNING id`;

/** A message's row, locked while its attempt is recorded: its state, and the attempt count of the latest claim. */
export const LOCK_MESSAGE = 'SELECT status, attempts FROM outbox_message WHERE id = $1 FOR UPDATE';

/**
 * A delivered push clears its partner's failures in a row. Only a row that has some is touched: a healthy
 * endpoint's pushes write nothing here, and do not queue on its row.
 */
export const CLEAR_ENDPOINT_FAILURES = `UPDATE push_endpoint_state SET consecutive_failures = 0, updated_at = now()
       WHERE partner_id = $1 AND consecutive_failures > 0`;

/** A failed push adds one to partner $1's failures in a row; returns the count and whether the endpoint is paused. */
export const COUNT_ENDPOINT_FAILURE = `INSERT INTO push_endpoint_state AS s (partner_id, consecutive_failures) VALUES ($1, 1)
       ON CONFLICT (partner_id) DO UPDATE SET consecutive_failures = s.consecutive_failures + 1, updated_at = now()
       RETURNING consecutive_failures, paused_at IS NOT NULL AS paused`;

/** Pauses partner $1's endpoint for reason $2: its pushes wait until staff resume it. */
export const PAUSE_ENDPOINT = `UPDATE push_endpoint_state SET paused_at = now(), paused_reason = $2, updated_at = now() WHERE partner_id = $1`;

/** Paused endpoints, most recently paused first. */
export const PAUSED_ENDPOINTS = `SELECT partner_id, consecutive_failures, paused_at, paused_reason FROM push_endpoint_state
       WHERE paused_at IS NOT NULL ORDER BY paused_at DESC, partner_id`;

/** Resumes partner $1's endpoint. No row when it was not paused. */
export const RESUME_ENDPOINT = `UPDATE push_endpoint_state SET paused_at = NULL, paused_reason = NULL, consecutive_failures = 0, updated_at = now()
       WHERE partner_id = $1 AND paused_at IS NOT NULL RETURNING partner_id`;

/** The messages that waited for partner $1's endpoint go out at once. */
export const RELEASE_WAITING = `UPDATE outbox_message SET next_attempt_at = now() WHERE partner_id = $1 AND status = 'pending'`;

/** Payloads queued before sealing (a partial index on the same predicate finds them at once), after $1 in id order. */
export const UNSEALED_PAYLOADS = `SELECT id, payload AS value FROM outbox_message WHERE payload NOT LIKE 'e1.%' AND id > $1::uuid ORDER BY id LIMIT $2`;

/** Payloads not under the current data key ($3, a LIKE pattern). */
export const STALE_PAYLOADS = `SELECT id, payload AS value FROM outbox_message WHERE payload NOT LIKE $3 AND id > $1::uuid ORDER BY id LIMIT $2`;

export const RESEAL_PAYLOAD = `UPDATE outbox_message SET payload = $2 WHERE id = $1 AND payload = $3`;

/**
 * The reports module's SQL: `report_run` and `report_file` are named only here. The figures themselves come from the
 * statements the owning modules export (complaints, referrals, matching, takedowns).
 */

/**
 * Claims a run of a period for this process ($1 kind, $2 period key, $3 version, $4 trigger, $5 who asked, $6 this
 * process, $7 now): a new row, or one that was left running or failed more than 15 minutes ago (its process died or
 * the store was out). A ready run is never taken again. Returns the row when this process holds it.
 */
export const CLAIM_RUN = `INSERT INTO report_run (kind, period_key, version, state, trigger, requested_by, claimed_by, claimed_at)
   VALUES ($1, $2, $3, 'running', $4, $5, $6, $7)
   ON CONFLICT (kind, period_key, version) DO UPDATE SET state = 'running', claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, error = NULL, finished_at = NULL
     WHERE report_run.state <> 'ready' AND report_run.claimed_at < excluded.claimed_at - interval '15 minutes'
   RETURNING seq::text, kind, period_key AS "periodKey", version`;

/** The next version of a period's runs ($1 kind, $2 key). */
export const NEXT_VERSION = `SELECT coalesce(max(version), 0) + 1 AS version FROM report_run WHERE kind = $1 AND period_key = $2`;

/**
 * Which of these periods ($1 kinds, $2 keys, zipped) need no scheduled run: one is ready, or one was claimed in the
 * last 15 minutes before $3 (being made). A failed or abandoned run is claimed again once 15 minutes have passed.
 */
export const EXISTING_RUNS = `SELECT DISTINCT kind, period_key AS "periodKey" FROM report_run
   WHERE (kind, period_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     AND (state = 'ready' OR claimed_at > $3::timestamptz - interval '15 minutes')`;

/** A file of a run ($1 kind, $2 key, $3 version, $4 format, $5 object key, $6 sha256, $7 size, $8 at). */
export const RECORD_FILE = `INSERT INTO report_file (kind, period_key, version, format, object_key, sha256, size_bytes, created_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** The run is done ($4 state ready or failed, $5 at, $6 error), if this process ($7) still holds it. */
export const FINISH_RUN = `UPDATE report_run SET state = $4, finished_at = $5, error = $6
   WHERE kind = $1 AND period_key = $2 AND version = $3 AND claimed_by = $7 AND state = 'running'`;

const RUN_COLUMNS = `r.seq::text, r.kind, r.period_key AS "periodKey", r.version, r.state, r.trigger, r.requested_by AS "requestedBy",
   r.claimed_at AS "startedAt", r.finished_at AS "finishedAt", r.error,
   coalesce((SELECT json_agg(json_build_object('format', f.format, 'objectKey', f.object_key, 'sha256', f.sha256, 'sizeBytes', f.size_bytes) ORDER BY f.format)
     FROM report_file f WHERE (f.kind, f.period_key, f.version) = (r.kind, r.period_key, r.version)), '[]') AS files`;

/** Runs newest first, after cursor position $1 (a seq, or null), filtered by $2 kind and $3 key (or null), $4 of them. */
export const LIST_RUNS = `SELECT ${RUN_COLUMNS} FROM report_run r
   WHERE ($1::bigint IS NULL OR r.seq < $1::bigint) AND ($2::text IS NULL OR r.kind = $2) AND ($3::text IS NULL OR r.period_key = $3)
   ORDER BY r.seq DESC LIMIT $4`;

/** The latest ready run of a period ($1 kind, $2 key), with its files. */
export const LATEST_READY_RUN = `SELECT ${RUN_COLUMNS} FROM report_run r
   WHERE r.kind = $1 AND r.period_key = $2 AND r.state = 'ready' ORDER BY r.version DESC LIMIT 1`;

/** One ready run of a period ($1 kind, $2 key, $3 version), with its files. */
export const READY_RUN = `SELECT ${RUN_COLUMNS} FROM report_run r WHERE r.kind = $1 AND r.period_key = $2 AND r.version = $3 AND r.state = 'ready'`;

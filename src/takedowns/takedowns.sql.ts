/**
 * The takedowns module's SQL: `takedown` and `takedown_target` are named only here and in
 * the module's repositories.
 */

/**
 * Requests past their deadline, not completed, not yet recorded overdue ($1 now), up to
 * $2, locked for this transaction; SKIP LOCKED: with several hub processes each request
 * is marked by one of them, once.
 */
export const LATE_TAKEDOWNS = `SELECT id, platform_id AS "platformId", complaint_id AS "complaintId", deadline FROM takedown
   WHERE overdue_at IS NULL AND status <> 'completed' AND deadline <= $1 ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED`;

export const MARK_OVERDUE = `UPDATE takedown SET overdue_at = $2 WHERE id = ANY($1::uuid[]) AND overdue_at IS NULL`;

/** A complaint's takedowns counted by whether they are completed ($1 complaint). */
export const TAKEDOWN_PROGRESS = `SELECT count(*) FILTER (WHERE status <> 'completed')::int AS "inProgress", count(*) FILTER (WHERE status = 'completed')::int AS completed
   FROM takedown WHERE complaint_id = $1`;

/** Per platform, requests issued in [$1, $2) ($3 now): counts, time to action, outcomes, refusals. */
export const TAKEDOWN_FIGURES = `
  WITH requests AS (
    SELECT t.*, (SELECT max(tt.answered_at) FROM takedown_target tt WHERE tt.takedown_id = t.id) AS last_answer
    FROM takedown t WHERE t.created_at >= $1 AND t.created_at < $2),
  targets AS (
    SELECT r.platform_id, tt.outcome, tt.reason_code, extract(epoch FROM (coalesce(tt.acted_at, tt.answered_at) - r.created_at)) / 3600 AS hours
    FROM requests r JOIN takedown_target tt ON tt.takedown_id = r.id)
  SELECT p.platform_id AS "platformId",
    (SELECT count(*)::int FROM requests r WHERE r.platform_id = p.platform_id) AS requests,
    (SELECT count(*)::int FROM targets x WHERE x.platform_id = p.platform_id) AS targets,
    (SELECT count(*)::int FROM requests r WHERE r.platform_id = p.platform_id AND r.status = 'completed' AND r.last_answer <= r.deadline) AS "completedInTime",
    (SELECT count(*)::int FROM requests r WHERE r.platform_id = p.platform_id AND (r.status = 'completed' OR r.deadline <= $3)) AS "due",
    (SELECT count(*)::int FROM requests r WHERE r.platform_id = p.platform_id AND r.overdue_at IS NOT NULL) AS overdue,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x.hours) FROM targets x WHERE x.platform_id = p.platform_id AND x.outcome IS NOT NULL AND x.outcome <> 'pending') AS "medianHours",
    (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY x.hours) FROM targets x WHERE x.platform_id = p.platform_id AND x.outcome IS NOT NULL AND x.outcome <> 'pending') AS "p90Hours",
    (SELECT coalesce(json_object_agg(o.outcome, o.n), '{}') FROM (SELECT x.outcome, count(*)::int AS n FROM targets x WHERE x.platform_id = p.platform_id AND x.outcome IS NOT NULL GROUP BY 1) o) AS outcomes,
    (SELECT coalesce(json_object_agg(o.reason_code, o.n), '{}') FROM (SELECT x.reason_code, count(*)::int AS n FROM targets x WHERE x.platform_id = p.platform_id AND x.outcome = 'refused' AND x.reason_code IS NOT NULL GROUP BY 1) o) AS "refusalReasons"
  FROM (SELECT DISTINCT platform_id FROM requests) p ORDER BY 1`;

/**
 * Targets reported taken down ($2 outcomes) whose identity is one of $1 (canonical
 * `<kind>:<value>` forms), latest first: content uploaded again.
 */
export const TAKEN_DOWN_MATCHING = `SELECT tt.canonical, tt.takedown_id AS "takedownId", tt.target_id AS "targetId", tt.url, tt.outcome, tt.acted_at AS "actedAt",
     t.platform_id AS "platformId", t.complaint_id AS "complaintId"
   FROM takedown_target tt JOIN takedown t ON t.id = tt.takedown_id
   WHERE tt.canonical = ANY($1::text[]) AND tt.outcome = ANY($2::text[])
   ORDER BY coalesce(tt.acted_at, tt.answered_at) DESC`;

/** A partner's shared case names content reported taken down ($1 takedown, $2 target, $3 partner, $4 case, $5 when); once per case. */
export const RECORD_REUPLOAD = `INSERT INTO takedown_reupload (takedown_id, target_id, partner_id, partner_case_number, found_at) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT DO NOTHING`;

/** Re-uploads found in partners' shared cases, newest first, a page before $1 (seq; NULL for the first) up to $2. */
export const CASE_SHARE_REUPLOADS = `SELECT r.seq, r.takedown_id AS "takedownId", r.target_id AS "targetId", r.partner_id AS "partnerId", r.partner_case_number AS "partnerCaseNumber",
     r.found_at AS "foundAt", tt.url, tt.outcome, tt.acted_at AS "actedAt", t.platform_id AS "platformId"
   FROM takedown_reupload r JOIN takedown_target tt ON (tt.takedown_id, tt.target_id) = (r.takedown_id, r.target_id) JOIN takedown t ON t.id = r.takedown_id
   WHERE ($1::bigint IS NULL OR r.seq < $1::bigint)
   ORDER BY r.seq DESC LIMIT $2`;

/**
 * Re-checks due ($1 now) of targets reported removed ($4 outcomes), up to $3, claimed until
 * $2 (a lease: another process skips them; a check that dies is retried after it).
 */
export const CLAIM_CHECKS = `UPDATE takedown_target SET next_check_at = $2
   WHERE (takedown_id, target_id) IN (
     SELECT takedown_id, target_id FROM takedown_target
     WHERE next_check_at <= $1 AND url IS NOT NULL AND outcome = ANY($4::text[])
     ORDER BY next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED)
   RETURNING takedown_id AS "takedownId", target_id AS "targetId", url, checks_done AS "checksDone"`;

export const RECORD_CHECK = `WITH observed AS (
     INSERT INTO takedown_check (takedown_id, target_id, checked_at, http_status, still_reachable, error) VALUES ($1, $2, $3, $4, $5, $6))
   UPDATE takedown_target SET checks_done = checks_done + 1, last_checked_at = $3, last_check_status = $4, still_reachable = $5, next_check_at = $7
   WHERE takedown_id = $1 AND target_id = $2`;

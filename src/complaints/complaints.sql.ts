import type { Category, Channel, SubCategory } from '../standard/codes.js';
import type { ComplaintTransaction, PersonalData } from './complaint.entity.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import { holdersUnchanged, writtenCases } from '../matching/matching.sql.js';

export type { ComplaintTransaction };

/**
 * The complaints module's SQL: `complaint` and `complaint_search` are named only here.
 * Dispatch reads and writes a complaint inside statements of its own; it composes the
 * parts below rather than naming the table.
 */

/** The complaint as stored, its personal data sealed: ComplaintsService.openSnapshot opens it. */
export interface SealedComplaintSnapshot {
  id: string;
  referenceCode: string;
  receivedAt: Date;
  channel: Channel;
  category: Category;
  subCategory: SubCategory;
  incidentDate: string | null;
  personalData: string | null;
  transaction: ComplaintTransaction | null;
  subjects: Array<{ type: string; value: string; bank?: string; note?: string }>;
}

/** The complaint as a Referral document shows it. */
export type ComplaintSnapshot = Omit<SealedComplaintSnapshot, 'personalData'> & PersonalData;

/**
 * A SELECT of one complaint's snapshot and version (`id` a placeholder such as `$1`), with
 * the caller's `columns` beside it: each may refer to the complaint's id as `c.id`.
 */
export function selectComplaintSnapshot(id: string, columns: readonly string[]): string {
  return `SELECT c.id, c.version, c.reference_code AS "referenceCode", c.received_at AS "receivedAt", c.channel, c.category,
          c.sub_category AS "subCategory", c.incident_date::text AS "incidentDate", c.personal_data AS "personalData", c.transaction, c.subjects${columns.map((column) => `,\n          ${column}`).join('')}
   FROM complaint c WHERE c.id = ${id}::uuid`;
}

/**
 * A data-modifying CTE body: the complaint becomes dispatched, one version on, only if it
 * is still at `version` (a placeholder; NULL skips the check for a caller that holds the
 * complaint's lock). Returns the id: a CTE with no row means nothing else may be written.
 */
export function markComplaintDispatchedIfAt(id: string, version: string): string {
  return `UPDATE complaint SET status = 'dispatched', updated_at = now(), version = version + 1
     WHERE id = ${id}::uuid AND (${version}::int IS NULL OR version = ${version}::int) AND status <> 'withdrawn' RETURNING id`;
}

/**
 * Intake: new complaints, their search rows and their cases in matching (matching's `writtenCases`), in one statement
 * (one round trip per batch). $1: JSON text of ComplaintRow list; $2–$4: matching's cases, identifiers and clusters
 * due a notice; $5: now; $6, $7: the hashes probed and what the probe found (MatchingService.placeNew). The statement takes the matching lock and writes only if the probe still holds
 * (matching's `holdersUnchanged`); it returns what the database made (seq, timestamps and version), or no row when
 * it wrote nothing.
 */
export const WRITE_INTAKE = new PreparedStatement<{ id: string; seq: string; createdAt: Date; updatedAt: Date; version: number }>(
  'ocx_write_intake',
  `WITH verified AS (SELECT ${holdersUnchanged('$6::bytea[]', '$7::jsonb')} AS unchanged),
   incoming AS MATERIALIZED (
     SELECT * FROM json_to_recordset($1::json) AS c(id uuid, "referenceCode" varchar, status text, channel text, category text, "subCategory" text,
       "incidentDate" date, "personalData" text, transaction jsonb, subjects jsonb, "receivedAt" timestamptz, "createdBy" text, grams int[], "gramsKid" text,
       "gramsScheme" smallint)
     WHERE (SELECT unchanged FROM verified)
   ), written AS (
     INSERT INTO complaint (id, reference_code, status, channel, category, sub_category, incident_date, personal_data, transaction, subjects, received_at, created_by)
     SELECT c.id, c."referenceCode", c.status, c.channel, c.category, c."subCategory", c."incidentDate", c."personalData", c.transaction, c.subjects, c."receivedAt", c."createdBy"
     FROM incoming c
     RETURNING id, seq, created_at, updated_at, version
   ), indexed AS (
     INSERT INTO complaint_search (complaint_id, grams, grams_kid, grams_scheme) SELECT c.id, c.grams, c."gramsKid", c."gramsScheme" FROM incoming c
   ),
   ${writtenCases('$2::json', '$3::json', '$4::uuid[]', '$5::timestamptz', '(SELECT unchanged FROM verified)')}
   SELECT id, seq::text AS seq, created_at AS "createdAt", updated_at AS "updatedAt", version FROM written`,
);

/** A row of WRITE_INTAKE's complaints: the columns, sealed, and the search grams. */
export interface ComplaintRow extends Omit<SealedComplaintSnapshot, 'receivedAt'> {
  status: string;
  /** ISO 8601. */
  receivedAt: string;
  createdBy: string;
  grams: readonly number[];
  gramsKid: string;
  gramsScheme: number;
}

/** A new version of a complaint not yet dispatched (its evidence changed); no row when it was dispatched meanwhile. */
export const BUMP_VERSION_IF_NEW = `UPDATE complaint SET version = version + 1, updated_at = now() WHERE id = $1 AND status = 'new' RETURNING id`;

/** The list's filters on other tables, as QueryBuilder conditions on alias `complaint`. */
export const REFERRED_TO_PARTNER = 'EXISTS (SELECT 1 FROM referral_agency ra WHERE ra.complaint_id = complaint.id AND ra.partner_id = :partner)';

/**
 * Complaints whose search row holds every gram of the needle under the key and scheme it was
 * indexed with: `:kidN`/`:schemeN`/`:gramsN` per data key and scheme (GIN on `grams`).
 * Candidates only: the caller checks the opened text.
 */
export function searchGramsContain(keys: number): string {
  const underKey = Array.from({ length: keys }, (_, index) => `(s.grams_kid = :kid${index} AND s.grams_scheme = :scheme${index} AND s.grams @> :grams${index}::int[])`);
  return `EXISTS (SELECT 1 FROM complaint_search s WHERE s.complaint_id = complaint.id AND (${underKey.join(' OR ') || 'false'}))`;
}

/**
 * Re-sealing (at start for rows written before sealing; by `npm run pii:rekey` for rows
 * under an older key). A batch in `seq` order after $1, locked as an edit locks it (the
 * complaint first, then its search row), so a concurrent edit waits or is waited for.
 * `$3` is a LIKE pattern of values under the current key, `$4` the current key's id, `$5` the current gram scheme.
 */
const RESEAL_COLUMNS = `c.id, c.seq, c.personal_data AS "personalData", c.transaction,
          c.narrative AS "legacyNarrative", c.complainant_name AS "legacyName", c.complainant_phone AS "legacyPhone",
          c.complainant_email AS "legacyEmail", c.complainant_line_id AS "legacyLineId", c.complainant_national_id_sealed AS "legacyNationalId"`;

/** Rows written before sealing (their partial indexes make this cheap when there are none). */
export const UNSEALED_COMPLAINTS = `SELECT ${RESEAL_COLUMNS} FROM complaint c
   WHERE c.seq > $1 AND c.id IN (SELECT id FROM complaint WHERE personal_data IS NULL UNION SELECT complaint_id FROM complaint_search WHERE grams IS NULL)
   ORDER BY c.seq LIMIT $2 FOR UPDATE OF c`;

/** Rows sealed or indexed under another key than the current one, or indexed by an older gram scheme. */
export const STALE_COMPLAINTS = `SELECT ${RESEAL_COLUMNS} FROM complaint c LEFT JOIN complaint_search s ON s.complaint_id = c.id
   WHERE c.seq > $1 AND (c.personal_data IS NULL OR c.personal_data NOT LIKE $3 OR s.grams_kid IS DISTINCT FROM $4 OR s.grams_scheme IS DISTINCT FROM $5)
   ORDER BY c.seq LIMIT $2 FOR UPDATE OF c`;

/** A re-sealed complaint: its personal data under the current key and nothing in the old clear columns. Not a new version. */
export const RESEAL_COMPLAINT = `UPDATE complaint SET personal_data = $2, narrative = NULL, complainant_name = NULL, complainant_phone = NULL,
     complainant_email = NULL, complainant_line_id = NULL, complainant_national_id_sealed = NULL WHERE id = $1`;

export const REINDEX_COMPLAINT = `INSERT INTO complaint_search (complaint_id, grams, grams_kid, grams_scheme) VALUES ($1, $2, $3, $4)
   ON CONFLICT (complaint_id) DO UPDATE SET grams = excluded.grams, grams_kid = excluded.grams_kid, grams_scheme = excluded.grams_scheme, search_text = NULL`;


/** Complaints received in [$1, $2), counted by channel, category and sub-category. */
export const COMPLAINT_FIGURES = `SELECT channel, category, sub_category AS "subCategory", count(*)::int AS complaints
   FROM complaint WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/**
 * Complaints received in [$1, $2) per step of Bangkok time ($3: hour, day, week or month), the step written as its
 * first local instant (`2026-11-03T00:00`).
 */
export const COMPLAINT_TREND = `SELECT to_char(date_trunc($3, received_at AT TIME ZONE INTERVAL '+07:00'), 'YYYY-MM-DD"T"HH24:MI') AS at, count(*)::int AS complaints
   FROM complaint WHERE received_at >= $1 AND received_at < $2 GROUP BY 1 ORDER BY 1`;

/** What a report may say of complaints $1: their reference code and kind, nothing personal. */
export const COMPLAINT_LABELS = `SELECT id, reference_code AS "referenceCode", category, sub_category AS "subCategory" FROM complaint WHERE id = ANY($1::uuid[])`;

/** A complaint's category and sub-category, as a part of another module's statement (`id`: its id expression). */
export function complaintKind(id: string): string {
  return `SELECT category, sub_category FROM complaint WHERE id = ${id}`;
}

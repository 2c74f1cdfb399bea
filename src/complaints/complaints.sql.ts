import type { Category, Channel, SubCategory } from '../standard/codes.js';
import type { ComplaintTransaction } from './complaint.entity.js';

export type { ComplaintTransaction };

/**
 * The complaints module's SQL: `complaint` and `complaint_search` are named only here.
 * Dispatch reads and writes a complaint inside statements of its own; it composes the
 * parts below rather than naming the table.
 */

/** The complaint as a Referral document shows it. */
export interface ComplaintSnapshot {
  id: string;
  referenceCode: string;
  receivedAt: Date;
  channel: Channel;
  category: Category;
  subCategory: SubCategory;
  narrative: string;
  incidentDate: string | null;
  complainantName: string;
  complainantPhone: string | null;
  complainantEmail: string | null;
  complainantLineId: string | null;
  transaction: ComplaintTransaction | null;
  subjects: Array<{ type: string; value: string; bank?: string; note?: string }>;
}

/**
 * A SELECT of one complaint's snapshot and version (`id` a placeholder such as `$1`), with
 * the caller's `columns` beside it: each may refer to the complaint's id as `c.id`.
 */
export function selectComplaintSnapshot(id: string, columns: readonly string[]): string {
  return `SELECT c.id, c.version, c.reference_code AS "referenceCode", c.received_at AS "receivedAt", c.channel, c.category,
          c.sub_category AS "subCategory", c.narrative, c.incident_date::text AS "incidentDate", c.complainant_name AS "complainantName",
          c.complainant_phone AS "complainantPhone", c.complainant_email AS "complainantEmail", c.complainant_line_id AS "complainantLineId",
          c.transaction, c.subjects${columns.map((column) => `,\n          ${column}`).join('')}
   FROM complaint c WHERE c.id = ${id}::uuid`;
}

/**
 * A data-modifying CTE body: the complaint becomes dispatched, one version on, only if it
 * is still at `version` (a placeholder; NULL skips the check for a caller that holds the
 * complaint's lock). Returns the id: a CTE with no row means nothing else may be written.
 */
export function markComplaintDispatchedIfAt(id: string, version: string): string {
  return `UPDATE complaint SET status = 'dispatched', updated_at = now(), version = version + 1
     WHERE id = ${id}::uuid AND (${version}::int IS NULL OR version = ${version}::int) RETURNING id`;
}

/** A new version of a complaint not yet dispatched (its evidence changed); no row when it was dispatched meanwhile. */
export const BUMP_VERSION_IF_NEW = `UPDATE complaint SET version = version + 1, updated_at = now() WHERE id = $1 AND status = 'new' RETURNING id`;

/** The list's filters on other tables, as QueryBuilder conditions on alias `complaint`. */
export const REFERRED_TO_PARTNER = 'EXISTS (SELECT 1 FROM referral_agency ra WHERE ra.complaint_id = complaint.id AND ra.partner_id = :partner)';
export const SEARCH_TEXT_CONTAINS = `EXISTS (SELECT 1 FROM complaint_search s WHERE s.complaint_id = complaint.id AND s.search_text ILIKE :needle ESCAPE '\\')`;

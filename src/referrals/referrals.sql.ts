import type { DataClass } from '../standard/data-classes.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntries } from '../audit/audit.service.js';
import { appendAudit } from '../audit/audit.sql.js';
import { complaintKind, markComplaintDispatchedIfAt, selectComplaintSnapshot, type ComplaintSnapshot, type SealedComplaintSnapshot } from '../complaints/complaints.sql.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import { enqueuePushes, openDocumentStreams, type NewOutboxMessage } from '../delivery/delivery.sql.js';
import { evidenceManifest, type ManifestEntry } from '../evidence/evidence.sql.js';
import { notYetReceived, recordReceipt } from '../inbound/inbound.sql.js';
import { referredToAgencies } from '../matching/matching.sql.js';
import { dispatchTargets, usablePartnerKey, type DispatchTarget } from '../partners/partners.sql.js';
import type { ReferralStatus, RequestedAction } from '../standard/codes.js';
import { isOpenReferral } from './referral-status.js';
import type { EarlierUse, IdempotentRequest } from '../idempotency/idempotency.js';
import { earlierUse, rememberAnswer } from '../idempotency/idempotency.sql.js';
import type { ReferralEventSource } from './referral-event.entity.js';

/**
 * The referrals module's SQL: `referral`, `referral_document`, `referral_event` and
 * `idempotency_record` are named only here and in the module's repositories; other
 * modules' tables only through the parts their owners export.
 *
 * The two statements of a dispatch. A dispatch reads what it needs, builds and
 * signs the documents, then writes everything in one statement that applies only
 * if the complaint is still at the version it read: two round trips, no
 * transaction held open across the signing, and every lock (the complaint's row,
 * the audit chain's) held only inside one statement. A complaint that changed in
 * between (a PATCH, an amendment, a removed evidence file, another dispatch) makes
 * the write apply nothing, and the dispatch reads again.
 */

export type { ComplaintSnapshot, DispatchTarget, ManifestEntry };

export interface DispatchContext {
  complaint: SealedComplaintSnapshot & { version: number };
  partners: DispatchTarget[];
  /** Referrals of the complaint to the requested partners that are still open. */
  open: Array<{ id: string; partnerId: string }>;
  evidence: ManifestEntry[];
  earlier: EarlierUse | null;
  /** 1212 withdrew the complaint: nothing more is dispatched. */
  withdrawn: boolean;
}

/**
 * Open referrals are found by referral_open_once's own predicate, spelled as the
 * index spells it: a prepared statement's generic plan can then use that index
 * (with the statuses as a parameter it scanned every open referral of the partner).
 */
const READ_DISPATCH_CONTEXT = new PreparedStatement<DispatchContext['complaint'] & Omit<DispatchContext, 'complaint'>>(
  'ocx_read_dispatch_context',
  selectComplaintSnapshot('$1', [
    `${dispatchTargets('$2')} AS partners`,
    `(SELECT coalesce(json_agg(json_build_object('id', r.id, 'partnerId', r.partner_id)), '[]') FROM referral r
       WHERE r.complaint_id = c.id AND r.partner_id = ANY($2::varchar[]) AND ${isOpenReferral('r.status')}) AS open`,
    `${evidenceManifest('c.id')} AS evidence`,
    `${earlierUse('$3', '$4')} AS earlier`,
    `c.status = 'withdrawn' AS withdrawn`,
  ]),
);

/** The complaint, the requested partners, their open referrals, the evidence, and the first use of the Idempotency-Key; null for no such complaint. */
export async function readDispatchContext(on: DataSource | EntityManager, complaintId: string, partners: string[], idempotency?: { actor: string; key: string }): Promise<DispatchContext | null> {
  const [row] = await READ_DISPATCH_CONTEXT.run(on, [complaintId, partners, idempotency?.actor ?? null, idempotency?.key ?? null]);
  if (!row) return null;
  const { partners: targets, open, evidence, earlier, withdrawn, ...complaint } = row;
  return { complaint, partners: targets, open, evidence, earlier, withdrawn };
}

/** A referral as dispatch writes it. */
export interface NewReferral {
  id: string;
  complaintId: string;
  partnerId: string;
  status: ReferralStatus;
  version: number;
  requestedAction: RequestedAction;
  note: string | null;
  dueAt: Date;
  createdBy: string;
  createdAt: Date;
  /** The complainant's fields its documents carry; null: the default for the recipient. */
  complainantFields: string[] | null;
  /** The data classes its documents carry (§2.1); null: dispatched under 1.0. */
  dataClasses: DataClass[] | null;
}

export interface IssuedDocuments {
  /** `jws` as stored (sealed); `jwsSha256` of the JWS as sent, for the audit log (not a column). */
  /** `sequence`: its number in the referral's stream of documents (§4.7). */
  documents: Array<{ documentId: string; referralId: string; version: number; sequence: number; jws: string; jwsSha256: string; createdAt: Date }>;
  events: Array<{ referralId: string; status: ReferralStatus; source: ReferralEventSource; actor: string; note: string | null; documentId: string; occurredAt: Date }>;
  pushes: Array<NewOutboxMessage & { id: string }>;
}

/** The answer to keep for retries of a request sent with an Idempotency-Key. */
export type IdempotentAnswer = IdempotentRequest & { status: number; body: unknown };

/**
 * Writes new referrals, their signed documents, history and outbox messages, marks
 * the complaint dispatched (one version on), tells matching of the new agencies,
 * keeps the answer for an Idempotency-Key, and appends the audit entries: one
 * statement, prepared once per connection. `guard` makes it all-or-nothing on the
 * complaint's version: every other part reads it. The audit chain's lock is taken
 * last (the main query's FROM runs the parts before it calls audit_append), so it
 * is held only until the commit. Each table's rows travel as one JSON parameter
 * (json_to_recordset): as 28 array parameters, the pg driver quoted and escaped
 * every element, 0.12–0.21 ms of the hub's CPU a dispatch.
 */
const WRITE_DISPATCH = new PreparedStatement<{ audit_seq: string }>(
  'ocx_write_dispatch',
  `WITH guard AS (${markComplaintDispatchedIfAt('$1', '$2')}),
   remembered AS (${rememberAnswer({ actor: '$9', key: '$10', route: '$11', requestSha256: '$12', status: '$13', body: '$14' }, 'guard')}),
   new_referral AS (
     INSERT INTO referral (id, complaint_id, partner_id, status, version, requested_action, note, due_at, created_by, created_at, updated_at, complainant_fields, data_classes)
     SELECT r.id, r."complaintId", r."partnerId", r.status, r.version, r."requestedAction", r.note, r."dueAt", r."createdBy", r."createdAt", r."createdAt", r."complainantFields", r."dataClasses"
     FROM json_to_recordset($3::json) AS r(id uuid, "complaintId" uuid, "partnerId" varchar, status text, version int, "requestedAction" text, note text, "dueAt" timestamptz, "createdBy" text, "createdAt" timestamptz, "complainantFields" text[], "dataClasses" text[])
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_document AS (
     INSERT INTO referral_document (document_id, referral_id, version, sequence, jws, created_at)
     SELECT d."documentId", d."referralId", d.version, d.sequence, d.jws, d."createdAt"
     FROM json_to_recordset($4::json) AS d("documentId" uuid, "referralId" uuid, version int, sequence int, jws text, "createdAt" timestamptz)
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_event AS (
     INSERT INTO referral_event (referral_id, status, source, actor, note, document_id, occurred_at)
     SELECT e."referralId", e.status, e.source, e.actor, e.note, e."documentId", e."occurredAt"
     FROM json_to_recordset($5::json) AS e("referralId" uuid, status text, source text, actor text, note text, "documentId" uuid, "occurredAt" timestamptz)
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_push AS (${enqueuePushes('$6', 'guard')}),
   new_stream AS (${openDocumentStreams('$3', 'guard')}),
   ${referredToAgencies('(SELECT id FROM guard)', '$7::varchar[]')}
   SELECT ${appendAudit('$8')} AS audit_seq
   FROM guard,
        (SELECT (SELECT count(*) FROM remembered) + (SELECT count(*) FROM new_referral) + (SELECT count(*) FROM new_document)
              + (SELECT count(*) FROM new_event) + (SELECT count(*) FROM new_push) + (SELECT count(*) FROM new_stream) AS rows) AS written`,
);

export interface DispatchWrite {
  complaintId: string;
  /** The version the documents were built from; null inside a transaction that holds the complaint's lock. */
  expectedVersion: number | null;
  referrals: NewReferral[];
  issued: IssuedDocuments;
  audit: AuditEntries;
  idempotent?: IdempotentAnswer;
}

/** True when written; false when the complaint is gone or no longer at the expected version (nothing was written). */
export async function writeDispatch(on: DataSource | EntityManager, write: DispatchWrite): Promise<boolean> {
  const { referrals, issued, idempotent } = write;
  const rows = await WRITE_DISPATCH.run(on, [
    write.complaintId, write.expectedVersion,
    JSON.stringify(referrals), JSON.stringify(issued.documents), JSON.stringify(issued.events), JSON.stringify(issued.pushes),
    referrals.map((referral) => referral.partnerId), write.audit.records,
    idempotent?.actor ?? null, idempotent?.key ?? null, idempotent?.route ?? null, idempotent?.requestSha256 ?? null, idempotent?.status ?? null,
    idempotent ? JSON.stringify(idempotent.body) : null,
  ]);
  return rows.length === 1;
}

/**
 * A status event in one statement, so one implicit transaction and one round trip: the referral moves only from a
 * state the standard allows ($9), only for an event id not received before, and only while the signing key is
 * active; the receipt, the step and the audit entry are written with it, or nothing is. The row keeps when the agency
 * first answered and when it closed the referral ($14, the hub's clock) and its resolution ($15), for the reports, and
 * the agency's own case number and its reason code when the event gives them ($16, $17).
 */
export const APPLY_STATUS_EVENT = new PreparedStatement(
  'ocx_apply_status_event',
  `WITH moved AS (
           UPDATE referral SET status = $6::text, transfer_to = CASE WHEN $6::text = 'transferred' THEN $7::varchar ELSE transfer_to END, updated_at = now(),
             acknowledged_at = coalesce(acknowledged_at, $14::timestamptz),
             closed_at = CASE WHEN $6::text IN ('resolved', 'rejected', 'transferred') THEN $14::timestamptz ELSE closed_at END,
             resolution = CASE WHEN $6::text = 'resolved' THEN $15::jsonb ELSE resolution END,
             partner_case_number = coalesce($16::text, partner_case_number),
             reason_code = coalesce($17::text, reason_code),
             partner_sequence = coalesce($18::int, partner_sequence)
           WHERE id = $8::uuid AND partner_id = $1::varchar AND status = ANY($9::text[])
             AND ($18::int IS NULL OR partner_sequence + 1 = $18::int)
             AND ${notYetReceived('$1::varchar', '$2::uuid')}
             AND ${usablePartnerKey('$1::varchar', '$3::varchar', '$13::varchar')}
           RETURNING *),
         receipt AS (${recordReceipt('moved', { sender: '$1::varchar', documentId: '$2::uuid', documentType: `'ocx.status-event'`, kid: '$3::varchar', jws: '$4::text', jwsSha256: '$5::char(64)' })}),
         step AS (
           INSERT INTO referral_event (referral_id, status, source, actor, note, document_id, occurred_at)
           SELECT id, $6::text, 'partner', $1::varchar, $10::text, $2::uuid, $11::timestamptz FROM moved)
         SELECT moved.*, ${appendAudit('$12')} AS audit_seq FROM moved`,
);

/** Stored Referral JWSs written before sealing (a partial index on the same predicate finds them at once), after $1 in id order. */
export const UNSEALED_REFERRAL_DOCUMENTS = `SELECT document_id AS id, jws AS value FROM referral_document
   WHERE jws NOT LIKE 'e1.%' AND document_id > $1::uuid ORDER BY document_id LIMIT $2`;

/** Stored Referral JWSs not under the current data key ($3, a LIKE pattern). */
export const STALE_REFERRAL_DOCUMENTS = `SELECT document_id AS id, jws AS value FROM referral_document
   WHERE jws NOT LIKE $3 AND document_id > $1::uuid ORDER BY document_id LIMIT $2`;

/** Referral $1 if partner $2 holds it (no row otherwise). */
export const REFERRAL_OF_PARTNER = 'SELECT id FROM referral WHERE id = $1 AND partner_id = $2';

/** The versions of referral $1 numbered after $2 in its stream (§4.7), in order (JWS sealed: openReferralJws). */
export const REFERRAL_DOCUMENTS_AFTER = 'SELECT document_id AS id, jws, sequence FROM referral_document WHERE referral_id = $1 AND sequence > $2 ORDER BY sequence';

export const RESEAL_REFERRAL_DOCUMENT = `UPDATE referral_document SET jws = $2 WHERE document_id = $1 AND jws = $3`;

/** Referrals dispatched in [$1, $2), per agency and current status ($3: one agency, or null for every one). */
export const REFERRAL_STATUS_FIGURES = `SELECT partner_id AS "partnerId", status, count(*)::int AS referrals FROM referral
   WHERE created_at >= $1 AND created_at < $2 AND ($3::varchar IS NULL OR partner_id = $3::varchar) GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * Per agency, the referrals dispatched in [$1, $2) ($3: one agency or null) against its service levels ($4 agencies,
 * $5 their hours to acknowledge, from the registry) as of $6: how many were answered, how soon (median and p90, in
 * seconds), how many had to be answered by $6 and how many were in time; the same for resolving, against each
 * referral's due date; and how many ran past their due date.
 */
export const REFERRAL_SERVICE_FIGURES = `
  WITH sla AS (SELECT partner_id, make_interval(hours => hours) AS acknowledge FROM unnest($4::varchar[], $5::int[]) AS s(partner_id, hours)),
  cohort AS (
    SELECT r.partner_id, r.status, r.created_at, r.acknowledged_at, r.closed_at, r.due_at, sla.acknowledge,
      extract(epoch FROM r.acknowledged_at - r.created_at) AS to_acknowledge,
      CASE WHEN r.status = 'resolved' THEN extract(epoch FROM r.closed_at - r.created_at) END AS to_resolve
    FROM referral r JOIN sla USING (partner_id)
    WHERE r.created_at >= $1 AND r.created_at < $2 AND ($3::varchar IS NULL OR r.partner_id = $3::varchar))
  SELECT partner_id AS "partnerId", count(*)::int AS referrals,
    count(acknowledged_at)::int AS acknowledged,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY to_acknowledge) AS "acknowledgeMedianSeconds",
    percentile_cont(0.9) WITHIN GROUP (ORDER BY to_acknowledge) AS "acknowledgeP90Seconds",
    count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR created_at + acknowledge <= $6)::int AS "acknowledgeDue",
    count(*) FILTER (WHERE acknowledged_at <= created_at + acknowledge)::int AS "acknowledgedInTime",
    count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY to_resolve) AS "resolveMedianSeconds",
    percentile_cont(0.9) WITHIN GROUP (ORDER BY to_resolve) AS "resolveP90Seconds",
    count(*) FILTER (WHERE closed_at IS NOT NULL OR due_at <= $6)::int AS "closeDue",
    count(*) FILTER (WHERE closed_at <= due_at)::int AS "closedInTime",
    count(*) FILTER (WHERE (closed_at IS NULL AND due_at <= $6) OR closed_at > due_at)::int AS overdue,
    count(*) FILTER (WHERE closed_at IS NULL AND due_at <= $6)::int AS "overdueOpen"
  FROM cohort GROUP BY partner_id ORDER BY partner_id`;

/**
 * Per agency, what happened in [$1, $2) ($3: one agency or null): information it asked of 1212, how many of those
 * referrals still wait for the answer, transfers it asked for, and transfers staff confirmed.
 */
export const REFERRAL_REQUEST_FIGURES = `SELECT r.partner_id AS "partnerId",
     count(*) FILTER (WHERE e.status = 'info_requested')::int AS "informationRequests",
     count(DISTINCT e.referral_id) FILTER (WHERE e.status = 'info_requested' AND r.status = 'info_requested')::int AS "awaitingInformation",
     count(*) FILTER (WHERE e.status = 'transferred' AND e.source = 'partner')::int AS "transfersRequested",
     count(*) FILTER (WHERE e.status = 'transferred' AND e.source = 'staff')::int AS "transfersConfirmed"
   FROM referral_event e JOIN referral r ON r.id = e.referral_id
   WHERE e.status IN ('info_requested', 'transferred') AND e.occurred_at >= $1 AND e.occurred_at < $2 AND ($3::varchar IS NULL OR r.partner_id = $3::varchar)
   GROUP BY 1 ORDER BY 1`;

/** Referrals resolved in [$1, $2) ($3: one agency or null), per agency and outcome, with the money recovered (satang). */
export const RESOLUTION_FIGURES = `SELECT partner_id AS "partnerId", coalesce(resolution->>'outcome', 'unspecified') AS outcome, count(*)::int AS referrals,
     coalesce(sum((resolution->'amountRecovered'->>'amountSatang')::bigint), 0)::text AS "amountRecoveredSatang"
   FROM referral WHERE status = 'resolved' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR partner_id = $3::varchar)
   GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * The success cases of [$1, $2) ($3: one agency or null): referrals resolved with an outcome of $4, or with money
 * recovered, oldest first, at most $5, with their number.
 */
export const SUCCESS_CASES = `SELECT id, complaint_id AS "complaintId", partner_id AS "partnerId", closed_at AS "resolvedAt", resolution, count(*) OVER ()::int AS total
   FROM referral WHERE status = 'resolved' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR partner_id = $3::varchar)
     AND (resolution->>'outcome' = ANY($4::text[]) OR (resolution->'amountRecovered'->>'amountSatang')::bigint > 0)
   ORDER BY closed_at, id LIMIT $5`;

/** Referrals dispatched in [$1, $2) ($4: one agency or null) per step of Bangkok time ($3), as COMPLAINT_TREND counts. */
export const REFERRAL_TREND = `SELECT to_char(date_trunc($3, created_at AT TIME ZONE INTERVAL '+07:00'), 'YYYY-MM-DD"T"HH24:MI') AS at, count(*)::int AS referrals,
     count(*) FILTER (WHERE status = 'resolved')::int AS resolved
   FROM referral WHERE created_at >= $1 AND created_at < $2 AND ($4::varchar IS NULL OR partner_id = $4::varchar) GROUP BY 1 ORDER BY 1`;

/** How the history note of a staff answer to an information request begins (`answered (version 3): …`). */
export const ANSWER_NOTE_PREFIX = 'answered (version ';

/**
 * A referral in info_requested whose latest request from its agency has no staff answer after it: what the staff
 * work list shows, and what may be answered (`alias`: the referral's alias in the query).
 */
export function awaitingAnswer(alias: string): string {
  return `(${alias}.status = 'info_requested' AND NOT EXISTS (
     SELECT 1 FROM referral_event answer WHERE answer.referral_id = ${alias}.id AND answer.source = 'staff' AND answer.note LIKE '${ANSWER_NOTE_PREFIX}%'
       AND answer.id > (SELECT max(asked.id) FROM referral_event asked WHERE asked.referral_id = ${alias}.id AND asked.status = 'info_requested' AND asked.source = 'partner')))`;
}

/** Whether referral $1 awaits an answer to its agency's request. */
export const AWAITS_ANSWER = `SELECT ${awaitingAnswer('r')} AS awaiting FROM referral r WHERE r.id = $1`;

/**
 * The agencies' feedback on referrals dispatched in [$1, $2): per kind of complaint, agency, status and reason code,
 * how many (for the routing rules' figures).
 */
export const REFERRAL_FEEDBACK = `SELECT kind.category, kind.sub_category AS "subCategory", r.partner_id AS "partnerId", r.status, r.reason_code AS "reasonCode", count(*)::int AS referrals
   FROM referral r CROSS JOIN LATERAL (${complaintKind('r.complaint_id')}) kind
   WHERE r.created_at >= $1 AND r.created_at < $2
   GROUP BY 1, 2, 3, 4, 5`;

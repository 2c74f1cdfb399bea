import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntries } from '../audit/audit.service.js';
import { appendAudit } from '../audit/audit.sql.js';
import { markComplaintDispatchedIfAt, selectComplaintSnapshot, type ComplaintSnapshot, type SealedComplaintSnapshot } from '../complaints/complaints.sql.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import { enqueuePushes, type NewOutboxMessage } from '../delivery/delivery.sql.js';
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
  ]),
);

/** The complaint, the requested partners, their open referrals, the evidence, and the first use of the Idempotency-Key; null for no such complaint. */
export async function readDispatchContext(on: DataSource | EntityManager, complaintId: string, partners: string[], idempotency?: { actor: string; key: string }): Promise<DispatchContext | null> {
  const [row] = await READ_DISPATCH_CONTEXT.run(on, [complaintId, partners, idempotency?.actor ?? null, idempotency?.key ?? null]);
  if (!row) return null;
  const { partners: targets, open, evidence, earlier, ...complaint } = row;
  return { complaint, partners: targets, open, evidence, earlier };
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
}

export interface IssuedDocuments {
  /** `jws` as stored (sealed); `jwsSha256` of the JWS as sent, for the audit log (not a column). */
  documents: Array<{ documentId: string; referralId: string; version: number; jws: string; jwsSha256: string; createdAt: Date }>;
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
     INSERT INTO referral (id, complaint_id, partner_id, status, version, requested_action, note, due_at, created_by, created_at, updated_at)
     SELECT r.id, r."complaintId", r."partnerId", r.status, r.version, r."requestedAction", r.note, r."dueAt", r."createdBy", r."createdAt", r."createdAt"
     FROM json_to_recordset($3::json) AS r(id uuid, "complaintId" uuid, "partnerId" varchar, status text, version int, "requestedAction" text, note text, "dueAt" timestamptz, "createdBy" text, "createdAt" timestamptz)
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_document AS (
     INSERT INTO referral_document (document_id, referral_id, version, jws, created_at)
     SELECT d."documentId", d."referralId", d.version, d.jws, d."createdAt"
     FROM json_to_recordset($4::json) AS d("documentId" uuid, "referralId" uuid, version int, jws text, "createdAt" timestamptz)
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_event AS (
     INSERT INTO referral_event (referral_id, status, source, actor, note, document_id, occurred_at)
     SELECT e."referralId", e.status, e.source, e.actor, e.note, e."documentId", e."occurredAt"
     FROM json_to_recordset($5::json) AS e("referralId" uuid, status text, source text, actor text, note text, "documentId" uuid, "occurredAt" timestamptz)
     WHERE EXISTS (SELECT FROM guard)
     RETURNING 1),
   new_push AS (${enqueuePushes('$6', 'guard')}),
   ${referredToAgencies('(SELECT id FROM guard)', '$7::varchar[]')}
   SELECT ${appendAudit('$8')} AS audit_seq
   FROM guard,
        (SELECT (SELECT count(*) FROM remembered) + (SELECT count(*) FROM new_referral) + (SELECT count(*) FROM new_document)
              + (SELECT count(*) FROM new_event) + (SELECT count(*) FROM new_push) AS rows) AS written`,
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
 * active; the receipt, the step and the audit entry are written with it, or nothing is.
 */
export const APPLY_STATUS_EVENT = new PreparedStatement(
  'ocx_apply_status_event',
  `WITH moved AS (
           UPDATE referral SET status = $6::text, transfer_to = CASE WHEN $6::text = 'transferred' THEN $7::varchar ELSE transfer_to END, updated_at = now()
           WHERE id = $8::uuid AND partner_id = $1::varchar AND status = ANY($9::text[])
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

export const RESEAL_REFERRAL_DOCUMENT = `UPDATE referral_document SET jws = $2 WHERE document_id = $1 AND jws = $3`;

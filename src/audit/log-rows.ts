import { logEntryBytes, type AuditRecord } from './log-entry.js';

/** An `audit_entry` row as the log's statements read it (audit.sql.ts). */
export interface EntryRow {
  seq: string;
  at: Date;
  actor: string;
  actor_role: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  partner_id: string | null;
  outcome: AuditRecord['outcome'];
  details: AuditRecord['details'];
  document_sha256: string | null;
  leaf_index: string | null;
}

export function recordOf(row: EntryRow): AuditRecord {
  return {
    at: row.at.toISOString(),
    actor: row.actor,
    actorRole: row.actor_role,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    partnerId: row.partner_id,
    outcome: row.outcome,
    details: row.details,
    ...(row.document_sha256 ? { documentSha256: row.document_sha256 } : {}),
  };
}

/** The entry's bytes in the log, from its row: what its leaf hashes, and what an entry bundle serves. */
export function entryBytesOf(row: EntryRow): Buffer {
  return logEntryBytes(recordOf(row));
}

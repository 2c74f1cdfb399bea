/**
 * The audit module's SQL. `audit_entry` is written only by the `audit_append` function
 * (migrations), which chains entries under the chain's lock; callers append inside
 * their own statement with `appendAudit`, so a change and its record are one round trip.
 */

/**
 * An SQL expression that appends entries and yields the last sequence number.
 * `records` and `canonical` are parameter placeholders (e.g. `$8`) holding the two
 * arrays of `AuditEntries`. Lock order: the chain's lock is the last a statement takes.
 */
export function appendAudit(records: string, canonical: string): string {
  return `audit_append(${records}::jsonb[], ${canonical}::text[])`;
}

export const APPEND_AUDIT = `SELECT ${appendAudit('$1', '$2')}`;

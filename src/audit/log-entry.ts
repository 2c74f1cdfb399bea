/**
 * What one audit entry says, and its exact bytes in the Merkle log. Pure. No personal data of complainants is ever
 * in an entry: ids, codes, counts, and the SHA-256 of an exchanged document.
 */
export interface AuditRecord {
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  partnerId: string | null;
  outcome: 'ok' | 'refused';
  details: Record<string, string | number | boolean | null>;
  /** SHA-256 (lowercase hex) of the document the exchange carried, as sent or received; absent when none. */
  documentSha256?: string;
}

/**
 * JSON with members sorted by their names at every level, no white space: RFC 8785 (JCS) for the values entries
 * hold (strings, integers, booleans, null), so the same record always has the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entry's bytes in the log (its leaf is SHA-256(0x00 ‖ these bytes)): the canonical JSON of the record, UTF-8. */
export function logEntryBytes(record: AuditRecord): Buffer {
  const { documentSha256, ...rest } = record;
  return Buffer.from(canonicalJson(documentSha256 ? { ...rest, documentSha256 } : rest), 'utf8');
}

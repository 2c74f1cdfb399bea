import { createHash } from 'node:crypto';

/** What an audit entry says, before it is chained. No personal data: ids, codes and counts only. */
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
}

export interface ChainedRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level: the same record always hashes the same. */
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

/** hash = SHA-256(prevHash ‖ seq ‖ canonical record): changing, removing or reordering an entry breaks every later hash. */
export function chainHash(prevHash: string, seq: number, record: AuditRecord): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${canonicalJson(record)}`).digest('hex');
}

export type ChainCheck = { intact: true; entries: number; head: string } | { intact: false; brokenAt: number; reason: string };

/** Walks a run of entries in order and says whether each links to the one before and hashes to what it claims. */
export function verifyChain(entries: readonly ChainedRecord[], startHash = GENESIS_HASH, startSeq = 1): ChainCheck {
  let prev = startHash;
  let expectedSeq = startSeq;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { intact: false, brokenAt: entry.seq, reason: `entry ${expectedSeq} is missing` };
    if (entry.prevHash !== prev) return { intact: false, brokenAt: entry.seq, reason: 'does not link to the entry before it' };
    const { seq, prevHash, hash, ...record } = entry;
    if (chainHash(prevHash, seq, record) !== hash) return { intact: false, brokenAt: entry.seq, reason: 'its content was changed after it was written' };
    prev = hash;
    expectedSeq++;
  }
  return { intact: true, entries: entries.length, head: prev };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import type { Principal } from '../access/roles.js';
import { canonicalJson, GENESIS_HASH, verifyChain, type AuditRecord, type ChainCheck, type ChainedRecord } from './audit-chain.js';
import { AuditEntry } from './audit-entry.entity.js';
import { APPEND_AUDIT } from './audit.sql.js';

/** Who acted: a verified caller, or the hub itself (worker, CLI). */
export type AuditActor = Principal | { subject: string; role: string; partnerId?: string | null };

export const HUB_ACTOR: AuditActor = { subject: 'ocx-hub', role: 'hub' };

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  partnerId?: string | null;
  outcome?: 'ok' | 'refused';
  details?: AuditRecord['details'];
}

/** Entries ready for `appendAudit(records, canonical)` (audit.sql.ts). */
export interface AuditEntries {
  records: string[];
  canonical: string[];
}

/**
 * The audit log of exchanges: who exchanged what with whom and when. Entries are
 * appended to a SHA-256 hash chain inside the caller's transaction, so an entry
 * exists exactly when the exchange it records does.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends inside `manager`'s transaction, or in a transaction of its own. */
  async record(who: AuditActor, events: AuditEvent | AuditEvent[], manager?: EntityManager): Promise<void> {
    const entries = this.entries(who, events);
    if (entries.records.length === 0) return;
    await (manager ?? this.dataSource.manager).query(APPEND_AUDIT, [entries.records, entries.canonical]);
  }

  /**
   * The entries as `appendAudit($records, $canonical)` takes them, for a caller
   * that appends inside its own statement (one round trip for the change and its
   * record). The database chains them (seq, prevHash, hash) under the chain's lock.
   */
  entries(who: AuditActor, events: AuditEvent | AuditEvent[]): AuditEntries {
    const list = Array.isArray(events) ? events : [events];
    const at = new Date().toISOString();
    const actor = who.subject;
    const actorRole = 'roles' in who ? (who.roles[0] ?? 'none') : who.role;
    const defaultPartner = 'partnerId' in who ? (who.partnerId ?? null) : null;
    const records = list.map((event): AuditRecord => ({
      at,
      actor,
      actorRole,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      partnerId: event.partnerId ?? defaultPartner,
      outcome: event.outcome ?? 'ok',
      details: event.details ?? {},
    }));
    return { records: records.map((record) => JSON.stringify(record)), canonical: records.map(canonicalJson) };
  }

  /** Entries oldest first, a page at a time (cursor: the last sequence number served). */
  async list(filter: { action?: string; partnerId?: string }, cursor: string | undefined, limit: number): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry').orderBy('entry.seq', 'ASC').limit(limit + 1);
    if (filter.action) builder.andWhere('entry.action = :action', { action: filter.action });
    if (filter.partnerId) builder.andWhere('entry.partner_id = :partnerId', { partnerId: filter.partnerId });
    if (cursor) builder.andWhere('entry.seq > :after', { after: sequenceAfter('a', cursor) });
    const page = pageOf(await builder.getMany(), limit, (last) => encodeCursor('a', last.seq));
    return { entries: page.rows, nextCursor: page.nextCursor };
  }

  /** Recomputes the whole chain, in pages. */
  async verify(): Promise<ChainCheck> {
    let prev = GENESIS_HASH;
    let next = 1;
    let total = 0;
    for (;;) {
      const page = await this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry').where('entry.seq >= :next', { next }).orderBy('entry.seq', 'ASC').limit(5000).getMany();
      if (page.length === 0) return { intact: true, entries: total, head: prev };
      const check = verifyChain(page.map(toChained), prev, next);
      if (!check.intact) return check;
      prev = check.head;
      next += page.length;
      total += page.length;
    }
  }
}

export function toChained(entry: AuditEntry): ChainedRecord {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    actorRole: entry.actorRole,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    partnerId: entry.partnerId,
    outcome: entry.outcome,
    details: entry.details,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

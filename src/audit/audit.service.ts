import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import type { Principal } from '../access/roles.js';
import type { AuditRecord } from './log-entry.js';
import { AuditEntry } from './audit-entry.entity.js';
import { APPEND_AUDIT, LEAF_INDEXES_OF } from './audit.sql.js';

/** An entry as the search answers it: with its place in the Merkle log, null until the sequencer reaches it. */
export type IndexedAuditEntry = AuditEntry & { leafIndex: number | null };

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
  /** SHA-256 (hex) of the document the exchange carried (a JWS as sent or received): what a partner can ask a proof for. */
  documentSha256?: string;
}

/** Entries ready for `appendAudit(records)` (audit.sql.ts). */
export interface AuditEntries {
  records: string[];
}

export interface AuditFilter {
  action?: string;
  partnerId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

/**
 * The audit log of exchanges: who exchanged what with whom and when. Entries are
 * inserted inside the caller's transaction, so an entry exists exactly when the
 * exchange it records does; the sequencer (log-sequencer.ts) then puts them in the
 * Merkle log.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends inside `manager`'s transaction, or in a transaction of its own. */
  async record(who: AuditActor, events: AuditEvent | AuditEvent[], manager?: EntityManager): Promise<void> {
    const entries = this.entries(who, events);
    if (entries.records.length === 0) return;
    await (manager ?? this.dataSource.manager).query(APPEND_AUDIT, [entries.records]);
  }

  /**
   * The entries as `appendAudit($records)` takes them, for a caller that appends
   * inside its own statement (one round trip for the change and its record).
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
      ...(event.documentSha256 ? { documentSha256: event.documentSha256 } : {}),
    }));
    return { records: records.map((record) => JSON.stringify(record)) };
  }

  /** Every entry the filter finds, oldest first, read a page at a time (for the CSV export). */
  async *all(filter: AuditFilter): AsyncGenerator<IndexedAuditEntry> {
    for (let cursor: string | undefined; ;) {
      const page = await this.list(filter, cursor, 1000);
      yield* page.entries;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /** Entries oldest first, a page at a time (cursor: the last sequence number served). */
  async list(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<{ entries: IndexedAuditEntry[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry').orderBy('entry.seq', 'ASC').limit(limit + 1);
    if (filter.action) builder.andWhere('entry.action = :action', { action: filter.action });
    if (filter.partnerId) builder.andWhere('entry.partner_id = :partnerId', { partnerId: filter.partnerId });
    if (filter.subjectType) builder.andWhere('entry.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) builder.andWhere('entry.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.from) builder.andWhere('entry.at >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('entry.at < :to', { to: filter.to });
    if (cursor) builder.andWhere('entry.seq > :after', { after: sequenceAfter('a', cursor) });
    const page = pageOf(await builder.getMany(), limit, (last) => encodeCursor('a', last.seq));
    const leaves = page.rows.length === 0 ? [] : ((await this.dataSource.query(LEAF_INDEXES_OF, [page.rows.map((entry) => entry.seq)])) as Array<{ seq: string; leaf_index: string }>);
    const leafOf = new Map(leaves.map((leaf) => [Number(leaf.seq), Number(leaf.leaf_index)]));
    return { entries: page.rows.map((entry) => Object.assign(entry, { leafIndex: leafOf.get(entry.seq) ?? null })), nextCursor: page.nextCursor };
  }
}

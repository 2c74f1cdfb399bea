import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../../access/roles.js';
import { AuditService } from '../../audit/audit.service.js';
import { isUuid } from '../../common/ids.js';
import { NotificationListener } from '../../database/notification-listener.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { normaliseIdentifier, type CanonicalIdentifier } from '../identifiers/index.js';
import { MatchingError } from '../matching.errors.js';
import { NOTIFY_WARNING_LIST_CHANGED, WARNING_LIST_CHANNEL } from '../matching.sql.js';
import { WarningEntry } from './warning-entry.entity.js';

/**
 * The warning list, kept in each process's memory so that intake checks it without a query: loaded at start, and
 * again whenever any process changes it (PostgreSQL NOTIFY at commit), so that a change holds everywhere within the
 * time a notification takes. Cases indexed before a change keep their links until `npm run matching:reindex`.
 */
@Injectable()
export class WarningList implements OnModuleInit, OnModuleDestroy {
  private exact = new Map<string, WarningEntry>();
  private domains: WarningEntry[] = [];
  private readonly listener: NotificationListener;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    const reload = (): void => void this.reload().catch(() => undefined);
    this.listener = new NotificationListener({ url: (dataSource.options as { url?: string }).url!, channel: WARNING_LIST_CHANNEL, name: 'warning-list' }, reload, reload);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    await this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }

  async reload(): Promise<void> {
    const entries = await this.dataSource.getRepository(WarningEntry).find({ where: { removedAt: IsNull() } });
    this.exact = new Map(entries.filter((entry) => entry.scope === 'exact').map((entry) => [`${entry.kind}\u0000${entry.value}`, entry]));
    this.domains = entries.filter((entry) => entry.scope === 'domain');
  }

  /**
   * The entry that lists this identifier, if any: its exact value, or for a site or an e-mail address a listed domain it
   * is under (`callcenter@kasikornbank.com` is the bank's as kasikornbank.com is; no one but an agency has an address
   * at go.th).
   */
  entryFor(identifier: Pick<CanonicalIdentifier, 'kind' | 'value'>): WarningEntry | undefined {
    const exact = this.exact.get(`${identifier.kind}\u0000${identifier.value}`);
    if (exact) return exact;
    const host = identifier.kind === 'url' && !identifier.value.startsWith('short:') ? identifier.value.split('/')[0]!
      : identifier.kind === 'email' ? identifier.value.split('@')[1] : undefined;
    if (!host) return undefined;
    return this.domains.find((entry) => host === entry.value || host.endsWith(`.${entry.value}`));
  }

  list(includeRemoved: boolean): Promise<WarningEntry[]> {
    return this.dataSource.getRepository(WarningEntry).find({ where: includeRemoved ? {} : { removedAt: IsNull() }, order: { kind: 'ASC', value: 'ASC', createdAt: 'ASC' } });
  }

  /** Lists a value (given as reported: a type and a value, a bank for an account), normalised as intake normalises it. */
  async add(admin: Principal, request: { type: string; value: string; bank?: string; scope?: 'exact' | 'domain'; label: string; source: string }): Promise<WarningEntry> {
    const normalised = normaliseIdentifier(request);
    if (!normalised.ok) throw new MatchingError('WARNING_ENTRY_INVALID', normalised.message, { reason: normalised.reason }, [{ path: 'value', message: normalised.message }]);
    const scope = request.scope ?? 'exact';
    if (scope === 'domain' && normalised.identifier.kind !== 'url') {
      throw new MatchingError('WARNING_ENTRY_INVALID', 'Only a site (type url) can be listed with everything under its domain.', {}, [{ path: 'scope', message: 'scope domain needs type url' }]);
    }
    const value = scope === 'domain' ? normalised.identifier.value.split('/')[0]! : normalised.identifier.value;
    try {
      const entry = await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(WarningEntry);
        const created = repository.create({ kind: normalised.identifier.kind, value, scope, label: request.label.normalize('NFC'), source: request.source, createdBy: admin.subject, createdAt: new Date(), removedAt: null, removedBy: null, removalReason: null });
        await repository.insert(created);
        await manager.query(NOTIFY_WARNING_LIST_CHANGED);
        await this.audit.record(admin, { action: 'warning_list.added', subjectType: 'warning_entry', subjectId: created.id, details: { kind: created.kind, value: created.value, scope, source: created.source } }, manager);
        return created;
      });
      await this.reload();
      return entry;
    } catch (error) {
      if (isUniqueViolation(error, 'match_warning_entry_listed')) throw new MatchingError('WARNING_ENTRY_EXISTS', `${normalised.identifier.masked} is already on the warning list.`);
      throw error;
    }
  }

  /** Takes an entry off the list (kept, with who and why); from then on the value links cases again. */
  async remove(admin: Principal, id: string, reason: string): Promise<WarningEntry> {
    const entry = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(WarningEntry);
      const found = isUuid(id) ? await repository.findOne({ where: { id, removedAt: IsNull() }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!found) throw new MatchingError('WARNING_ENTRY_NOT_FOUND', `There is no listed entry ${id}.`);
      Object.assign(found, { removedAt: new Date(), removedBy: admin.subject, removalReason: reason });
      await repository.save(found);
      await manager.query(NOTIFY_WARNING_LIST_CHANGED);
      await this.audit.record(admin, { action: 'warning_list.removed', subjectType: 'warning_entry', subjectId: id, details: { kind: found.kind, value: found.value, reason } }, manager);
      return found;
    });
    await this.reload();
    return entry;
  }
}

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Principal } from '../access/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { Settings } from '../config/settings.js';
import { PartnersService } from '../partners/partners.service.js';
import { ReportArchive, renderFile, type ReportRun } from './report-archive.service.js';
import { suppressSmallCounts, type ReportFigures } from './report-figures.js';
import { CONTENT_TYPES, tableCsv, type ReportFormat } from './report-files.js';
import { ReportFiguresService } from './report-figures.service.js';
import { bangkokWallTime, isPeriodKind, periodOfDate, type PeriodKind, type ReportPeriod } from './report-period.js';
import { reportTables, type TableName } from './report-tables.js';
import { ReportError } from './reports.errors.js';

/** Success cases the dashboard lists (their number is always the whole count). */
export const DASHBOARD_SUCCESS_CASES = 20;

export interface ReportDownload {
  body: Readable;
  contentType: string;
  fileName: string;
  /** Set for a kept file: its SHA-256, as recorded in the audit log. */
  sha256: string | null;
  /** The kept run it comes from; null when computed now (a period not yet kept, or one still running). */
  version: number | null;
}

/**
 * The reports 1212 owes, as files and as the dashboard's figures. A kept report (generated on schedule or on request)
 * is served as it was kept, byte for byte; a period with none is computed on the spot, suppressed the same way.
 */
@Injectable()
export class ReportsService {
  /** The dashboard's figures by period, agency and time computed: a room of supervisors refreshing costs one computation. */
  private readonly dashboardCache = new Map<string, { at: number; figures: Promise<ReportFigures>; refreshing?: Promise<void> }>();

  constructor(
    private readonly archive: ReportArchive,
    private readonly figures: ReportFiguresService,
    private readonly partners: PartnersService,
    private readonly audit: AuditService,
    private readonly settings: Settings,
    private readonly clock: Clock,
  ) {}

  /** Today's date in Bangkok. */
  today(): string {
    return bangkokWallTime(this.clock.now()).slice(0, 10);
  }

  period(kind: string, date: string | undefined): ReportPeriod {
    if (!isPeriodKind(kind)) throw new ReportError('REPORT_NOT_FOUND', `There is no report "${kind}": day, week, month, quarter or year.`);
    const period = periodOfDate(kind, date, this.clock.now());
    if (!period) throw new ReportError('REPORT_PERIOD_INVALID', `${date} is not a calendar date.`, {}, [{ path: 'date', message: `${date} is not a calendar date` }]);
    return period;
  }

  async download(kind: string, request: { date?: string; format?: ReportFormat; table?: TableName; version?: number }, who: Principal): Promise<ReportDownload> {
    const period = this.period(kind, request.date);
    const format = request.format ?? 'json';
    if (format === 'csv' && !request.table) {
      throw new ReportError('REPORT_TABLE_REQUIRED', 'A CSV file holds one table: add table= (headline, service_levels, …).', {}, [{ path: 'table', message: 'table is required with format=csv' }]);
    }
    const run = request.version ? await this.archive.run(period, request.version) : await this.archive.latestReady(period);
    if (request.version && !run) throw new ReportError('REPORT_NOT_FOUND', `Report ${period.kind} ${period.key} has no ready version ${request.version}.`);
    const base = `ocx-report-${period.kind}-${period.key}${run ? `-v${run.version}` : ''}`;
    let download: ReportDownload;
    if (format === 'csv') {
      const figures = run ? await this.archive.keptFigures(run) : suppressSmallCounts(await this.figures.figures(period, null));
      const table = reportTables(figures).find((candidate) => candidate.name === request.table);
      if (!table) throw new ReportError('REPORT_NOT_FOUND', `The report of ${period.key} has no table ${request.table}.`);
      download = { body: tableCsv(table, figures), contentType: CONTENT_TYPES.csv, fileName: `${base}-${table.name}.csv`, sha256: null, version: run?.version ?? null };
    } else if (run) {
      const file = run.files.find((candidate) => candidate.format === format)!;
      download = { body: await this.archive.content(file), contentType: CONTENT_TYPES[format], fileName: `${base}.${format}`, sha256: file.sha256, version: run.version };
    } else {
      const body = await renderFile(suppressSmallCounts(await this.figures.figures(period, null)), format);
      download = { body: Readable.from([body]), contentType: CONTENT_TYPES[format], fileName: `${base}.${format}`, sha256: createHash('sha256').update(body).digest('hex'), version: null };
    }
    // A report that leaves the hub is an exchange: who took which file, and (when kept) its hash.
    await this.audit.record(who, {
      action: 'report.downloaded', subjectType: 'report', subjectId: `${period.kind}/${period.key}${run ? `/v${run.version}` : ''}/${format}`,
      ...(download.sha256 && run ? { documentSha256: download.sha256 } : {}),
      details: { kind: period.kind, period: period.key, format, table: request.table ?? null, version: run?.version ?? null },
    });
    return download;
  }

  /** Generates a period's report again, as a new version (a past period, or after a correction). */
  async regenerate(kind: string, date: string | undefined, staff: Principal): Promise<ReportRun> {
    const period = this.period(kind, date);
    if (period.start.getTime() >= this.clock.now().getTime()) {
      throw new ReportError('REPORT_PERIOD_INVALID', `The ${period.kind} ${period.key} has not begun; a report can be kept of a period that has.`, {}, [{ path: 'date', message: 'the period has not begun' }]);
    }
    return (await this.archive.generate(period, { trigger: 'request', actor: { subject: staff.subject, role: staff.roles[0] ?? 'staff' } }))!;
  }

  /**
   * The dashboard's figures, exact (they stay in the hub): 1212's whole service for staff and auditors, or one
   * agency's; a partner only ever gets its own agency's (another's is not found).
   */
  async dashboard(kind: string, date: string | undefined, agency: string | undefined, who: Principal): Promise<ReportFigures> {
    const period = this.period(kind, date);
    let scope: string | null = agency ?? null;
    if (who.partnerId) {
      if (agency !== undefined && agency !== who.partnerId) throw new ReportError('REPORT_NOT_FOUND', `You have no agency ${agency}.`);
      scope = who.partnerId;
    } else if (scope !== null) {
      await this.partners.get(scope);
    }
    // A page shows a few success cases; the files list them all.
    return this.keptFigures(`${period.kind}:${period.key}:${scope ?? '*'}`, () => this.figures.figures(period, scope, DASHBOARD_SUCCESS_CASES));
  }

  /**
   * The dashboard's figures of one period and scope, kept in this process: fresh ones (younger than
   * REPORTS_DASHBOARD_CACHE_SECONDS) as they are; stale ones too, while they are computed afresh behind the answer
   * (stale-while-revalidate), unless they are ten times older than that; none, computed now. A month's figures take
   * seconds to compute at a million complaints a year; a supervisor's refresh must not.
   */
  private keptFigures(key: string, compute: () => Promise<ReportFigures>): Promise<ReportFigures> {
    const ttl = this.settings.REPORTS_DASHBOARD_CACHE_SECONDS * 1000;
    const now = this.clock.now().getTime();
    const kept = this.dashboardCache.get(key);
    if (kept && ttl > 0) {
      const age = now - kept.at;
      if (age >= ttl && !kept.refreshing) {
        kept.refreshing = compute().then(
          (figures) => void this.dashboardCache.set(key, { at: this.clock.now().getTime(), figures: Promise.resolve(figures) }),
          () => void (kept.refreshing = undefined),
        );
      }
      if (age < ttl * 10) return kept.figures;
    }
    const figures = compute();
    this.dashboardCache.set(key, { at: now, figures });
    figures.catch(() => this.dashboardCache.delete(key));
    // A bounded memory: the oldest key goes first.
    if (this.dashboardCache.size > 1000) this.dashboardCache.delete(this.dashboardCache.keys().next().value!);
    return figures;
  }

  list(filter: { kind?: PeriodKind; periodKey?: string }, cursor: string | undefined, limit: number): ReturnType<ReportArchive['list']> {
    return this.archive.list(filter, cursor, limit);
  }
}

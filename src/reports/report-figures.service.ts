import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { COMPLAINT_FIGURES, COMPLAINT_LABELS, COMPLAINT_TREND } from '../complaints/complaints.sql.js';
import { DUPLICATE_FIGURES } from '../matching/matching.sql.js';
import { PartnersService } from '../partners/partners.service.js';
import { REFERRAL_REQUEST_FIGURES, REFERRAL_SERVICE_FIGURES, REFERRAL_STATUS_FIGURES, REFERRAL_TREND, RESOLUTION_FIGURES, SUCCESS_CASES } from '../referrals/referrals.sql.js';
import { SUCCESS_OUTCOMES } from '../standard/codes.js';
import { TakedownsService } from '../takedowns/takedowns.service.js';
import {
  assembleFigures, trendStepOf, trendSteps,
  type ComplaintRow, type DuplicateRow, type OutcomeRow, type ReportFigures, type RequestRow, type ServiceRow, type StatusRow, type SuccessRow, type TrendRow,
} from './report-figures.js';
import type { ReportPeriod } from './report-period.js';

/** Success cases listed in one report file (the count is always exact). */
export const SUCCESS_CASES_IN_FILES = 10_000;

interface ResolutionJson { summary?: string; outcome?: string; amountRecovered?: { amountSatang: number } }

/**
 * A period's figures, computed from the hub's own tables through the statements their owners export, all in parallel
 * (each on its own pooled connection). Nothing is kept between calls: every figure is as of the moment it is asked.
 */
@Injectable()
export class ReportFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly takedowns: TakedownsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The exact figures of a period, for 1212 as a whole (`agency` null) or for one agency, listing up to
   * `successCasesListed` success cases (oldest first).
   */
  async figures(period: ReportPeriod, agency: string | null, successCasesListed = SUCCESS_CASES_IN_FILES): Promise<ReportFigures> {
    const now = this.clock.now();
    const { start, end } = period;
    const step = trendStepOf(period.kind);
    const registry = await this.partners.list();
    const agencies = registry.map((partner) => ({ partnerId: partner.id, nameTh: partner.nameTh, nameEn: partner.nameEn, slaAcknowledgeHours: partner.slaAcknowledgeHours, slaResolveDays: partner.slaResolveDays }));
    const query = <T>(sql: string, parameters: unknown[]): Promise<T[]> => this.dataSource.query(sql, parameters) as Promise<T[]>;
    const [complaints, complaintTrend, statuses, service, requests, outcomes, success, referralTrend, takedowns, duplicates] = await Promise.all([
      agency ? Promise.resolve(null) : query<ComplaintRow>(COMPLAINT_FIGURES, [start, end]),
      agency ? Promise.resolve([]) : query<{ at: string; complaints: number }>(COMPLAINT_TREND, [start, end, step]),
      query<StatusRow>(REFERRAL_STATUS_FIGURES, [start, end, agency]),
      query<ServiceRow>(REFERRAL_SERVICE_FIGURES, [start, end, agency, agencies.map((row) => row.partnerId), agencies.map((row) => row.slaAcknowledgeHours), now]),
      query<RequestRow>(REFERRAL_REQUEST_FIGURES, [start, end, agency]),
      query<OutcomeRow>(RESOLUTION_FIGURES, [start, end, agency]),
      query<{ complaintId: string; partnerId: string; resolvedAt: Date; resolution: ResolutionJson; total: number }>(SUCCESS_CASES, [start, end, agency, [...SUCCESS_OUTCOMES], successCasesListed]),
      query<{ at: string; referrals: number; resolved: number }>(REFERRAL_TREND, [start, end, step, agency]),
      this.takedowns.statistics(start, end),
      agency ? Promise.resolve([null]) : query<DuplicateRow>(DUPLICATE_FIGURES, [start, end]),
    ]);
    const labels = new Map(
      (await query<{ id: string; referenceCode: string; category: string; subCategory: string }>(COMPLAINT_LABELS, [[...new Set(success.map((row) => row.complaintId))]]))
        .map((row) => [row.id, row]),
    );
    const successCases: SuccessRow[] = success.map((row) => {
      const complaint = labels.get(row.complaintId);
      const amount = row.resolution.amountRecovered?.amountSatang ?? null;
      return {
        partnerId: row.partnerId, referenceCode: complaint?.referenceCode ?? '', category: complaint?.category ?? '', subCategory: complaint?.subCategory ?? '',
        resolvedAt: row.resolvedAt, outcome: row.resolution.outcome ?? (amount ? 'money_returned' : null), amountRecoveredSatang: amount, note: row.resolution.summary ?? '',
      };
    });
    return assembleFigures({
      period, generatedAt: now, agency, agencies,
      complaints, statuses, service, requests, outcomes,
      successCases, successCasesTotal: success[0]?.total ?? 0,
      takedowns: takedowns.platforms.filter((row) => agency === null || row.platformId === agency),
      duplicates: duplicates[0] ?? null,
      trendStep: step,
      trend: mergeTrend(trendSteps(period, step, now), complaintTrend, referralTrend, agency === null),
    });
  }
}

/** Complaints and referrals on one time axis, every step of the period on it. */
function mergeTrend(steps: string[], complaints: Array<{ at: string; complaints: number }>, referrals: Array<{ at: string; referrals: number; resolved: number }>, withComplaints: boolean): TrendRow[] {
  const points = new Map<string, TrendRow>(steps.map((at) => [at, { at, complaints: withComplaints ? 0 : null, referrals: 0, resolved: 0 }]));
  for (const row of complaints) {
    const point = points.get(row.at);
    if (point) point.complaints = row.complaints;
  }
  for (const row of referrals) {
    const point = points.get(row.at);
    if (point) Object.assign(point, { referrals: row.referrals, resolved: row.resolved });
  }
  return [...points.values()];
}

/**
 * A report's figures, assembled from the rows each owning module's statements return, and the small-count
 * suppression applied to every file that leaves the hub. Pure: rows in, figures out.
 */
import { REFERRAL_STATUSES } from '../standard/codes.js';
import { bangkokWallTime, periodLabel, type PeriodKind, type ReportPeriod } from './report-period.js';

/** Counts below this, in a cell that breaks figures down far enough to point at a person, leave the hub as null. */
export const SUPPRESSION_THRESHOLD = 5;

export type TrendStep = 'hour' | 'day' | 'week' | 'month';

export interface AgencyName {
  partnerId: string;
  nameTh: string;
  nameEn: string;
  slaAcknowledgeHours: number;
  slaResolveDays: number;
}

export interface ComplaintRow { channel: string; category: string; subCategory: string; complaints: number }
export interface StatusRow { partnerId: string; status: string; referrals: number }
export interface ServiceRow {
  partnerId: string; referrals: number; acknowledged: number; acknowledgeMedianSeconds: number | null; acknowledgeP90Seconds: number | null;
  acknowledgeDue: number; acknowledgedInTime: number; resolved: number; resolveMedianSeconds: number | null; resolveP90Seconds: number | null;
  closeDue: number; closedInTime: number; overdue: number; overdueOpen: number;
}
export interface RequestRow { partnerId: string; informationRequests: number; awaitingInformation: number; transfersRequested: number; transfersConfirmed: number }
export interface OutcomeRow { partnerId: string; outcome: string; referrals: number; amountRecoveredSatang: string }
export interface SuccessRow { partnerId: string; referenceCode: string; category: string; subCategory: string; resolvedAt: Date; outcome: string | null; amountRecoveredSatang: number | null; note: string }
export interface TakedownRow {
  platformId: string; requests: number; targets: number; answeredInTimeShare: number | null; medianHoursToAction: number | null; p90HoursToAction: number | null;
  outcomes: Record<string, number>; overdue: number;
}
export interface DuplicateRow { cases: number; casesLinked: number; clusters: number; crossAgencyClusters: number; matchNotices: number }
/** Complaints is null in one agency's figures (complaints are 1212's, not the agency's). */
export interface TrendRow { at: string; complaints: number | null; referrals: number; resolved: number }

/** Everything the figures are made from. */
export interface FigureSources {
  period: ReportPeriod;
  generatedAt: Date;
  /** One agency's view (a partner's dashboard), or null for 1212's whole service. */
  agency: string | null;
  agencies: AgencyName[];
  complaints: ComplaintRow[] | null;
  statuses: StatusRow[];
  service: ServiceRow[];
  requests: RequestRow[];
  outcomes: OutcomeRow[];
  successCases: SuccessRow[];
  successCasesTotal: number;
  takedowns: TakedownRow[];
  duplicates: DuplicateRow | null;
  trendStep: TrendStep;
  trend: TrendRow[];
}

/** Null where a count was suppressed. */
type Count = number | null;

export interface ReportFigures {
  reportVersion: '1.0';
  period: { kind: PeriodKind; key: string; start: string; end: string; labelTh: string; labelEn: string };
  generatedAt: string;
  agency: string | null;
  /** Counts from 1 to SUPPRESSION_THRESHOLD − 1 in breakdowns are null (and, where one alone would show, the next smallest). */
  suppressed: boolean;
  headline: {
    complaints: number | null;
    referrals: number;
    acknowledged: number;
    acknowledgedInTimeShare: number | null;
    resolved: number;
    closedInTimeShare: number | null;
    overdue: number;
    successCases: number;
    amountRecoveredSatang: string;
    informationRequests: number;
    transfersRequested: number;
    takedownRequests: number;
    duplicateCasesLinked: number | null;
  };
  complaintsByChannel: Array<{ channel: string; complaints: Count }> | null;
  complaintsByCategory: Array<{ category: string; complaints: Count }> | null;
  complaintsBySubCategory: Array<{ category: string; subCategory: string; complaints: Count }> | null;
  referralsByAgency: Array<{ partnerId: string; nameTh: string; nameEn: string; referrals: Count; byStatus: Record<string, Count> }>;
  serviceLevels: Array<{
    partnerId: string; nameTh: string; nameEn: string; slaAcknowledgeHours: number; slaResolveDays: number;
    referrals: number; acknowledged: number; acknowledgeMedianHours: number | null; acknowledgeP90Hours: number | null; acknowledgedInTimeShare: number | null;
    resolved: number; resolveMedianDays: number | null; resolveP90Days: number | null; closedInTimeShare: number | null; overdue: number; overdueOpen: number;
  }>;
  informationRequestsAndTransfers: Array<{ partnerId: string; nameTh: string; informationRequests: Count; awaitingInformation: Count; transfersRequested: Count; transfersConfirmed: Count }>;
  outcomes: Array<{ partnerId: string; nameTh: string; outcome: string; referrals: Count; amountRecoveredSatang: string | null }>;
  takedowns: Array<{ platformId: string; nameTh: string; requests: number; targets: number; answeredInTimeShare: number | null; medianHoursToAction: number | null; p90HoursToAction: number | null; overdue: number; outcomes: Record<string, number> }>;
  duplicates: DuplicateRow | null;
  successCases: { total: number; cases: SuccessRow[] };
  trend: { step: TrendStep; points: TrendRow[] };
}

/** The steps a period's trend is drawn in. */
export function trendStepOf(kind: PeriodKind): TrendStep {
  return ({ day: 'hour', week: 'day', month: 'day', quarter: 'week', year: 'month' } as const)[kind];
}

/**
 * Every step of a period's trend, as the statements write them (`2026-11-03T00:00`, Bangkok wall time): a step with
 * nothing in it is drawn as zero, not left out. A week step starts on Monday, so a quarter's first may start before it.
 * Steps that begin after `now` are left out.
 */
export function trendSteps(period: ReportPeriod, step: TrendStep, now?: Date): string[] {
  // Wall-clock steps, computed on UTC fields of the shifted instants.
  const wall = new Date(`${bangkokWallTime(period.start)}Z`);
  // A period still running is drawn up to now, not over days that have not come.
  const end = new Date(`${bangkokWallTime(now && now < period.end ? now : period.end)}Z`).getTime();
  if (step === 'week') wall.setUTCDate(wall.getUTCDate() - ((wall.getUTCDay() + 6) % 7));
  const steps: string[] = [];
  while (wall.getTime() < end) {
    steps.push(wall.toISOString().slice(0, 16));
    if (step === 'hour') wall.setUTCHours(wall.getUTCHours() + 1);
    else if (step === 'day') wall.setUTCDate(wall.getUTCDate() + 1);
    else if (step === 'week') wall.setUTCDate(wall.getUTCDate() + 7);
    else wall.setUTCMonth(wall.getUTCMonth() + 1);
  }
  return steps;
}

const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};
const share = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);
const hours = (seconds: number | null): number | null => (seconds === null ? null : round(Number(seconds) / 3600, 2));
const days = (seconds: number | null): number | null => (seconds === null ? null : round(Number(seconds) / 86_400, 2));

/** Sums by key, in the keys' order (so that every table reads in one order, whatever order the rows came in). */
function sumBy<T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  return new Map([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The figures, exact (as staff see them on the dashboard). */
export function assembleFigures(sources: FigureSources): ReportFigures {
  const { period } = sources;
  const names = new Map(sources.agencies.map((agency) => [agency.partnerId, agency]));
  const nameTh = (id: string): string => names.get(id)?.nameTh ?? id;
  const statusTotals = sumBy(sources.statuses, (row) => row.partnerId, (row) => row.referrals);
  const total = <T>(rows: readonly T[], value: (row: T) => number): number => rows.reduce((sum, row) => sum + value(row), 0);
  const complaints = sources.complaints;
  const acknowledgeDue = total(sources.service, (row) => row.acknowledgeDue);
  const closeDue = total(sources.service, (row) => row.closeDue);
  const recovered = sources.outcomes.reduce((sum, row) => sum + BigInt(row.amountRecoveredSatang), 0n);
  return {
    reportVersion: '1.0',
    period: { kind: period.kind, key: period.key, start: period.start.toISOString(), end: period.end.toISOString(), labelTh: periodLabel(period, 'th'), labelEn: periodLabel(period, 'en') },
    generatedAt: sources.generatedAt.toISOString(),
    agency: sources.agency,
    suppressed: false,
    headline: {
      complaints: complaints ? total(complaints, (row) => row.complaints) : null,
      referrals: total(sources.service, (row) => row.referrals),
      acknowledged: total(sources.service, (row) => row.acknowledged),
      acknowledgedInTimeShare: share(total(sources.service, (row) => row.acknowledgedInTime), acknowledgeDue),
      resolved: total(sources.service, (row) => row.resolved),
      closedInTimeShare: share(total(sources.service, (row) => row.closedInTime), closeDue),
      overdue: total(sources.service, (row) => row.overdue),
      successCases: sources.successCasesTotal,
      amountRecoveredSatang: recovered.toString(),
      informationRequests: total(sources.requests, (row) => row.informationRequests),
      transfersRequested: total(sources.requests, (row) => row.transfersRequested),
      takedownRequests: total(sources.takedowns, (row) => row.requests),
      duplicateCasesLinked: sources.duplicates?.casesLinked ?? null,
    },
    complaintsByChannel: complaints ? [...sumBy(complaints, (row) => row.channel, (row) => row.complaints)].map(([channel, count]) => ({ channel, complaints: count })) : null,
    complaintsByCategory: complaints ? [...sumBy(complaints, (row) => row.category, (row) => row.complaints)].map(([category, count]) => ({ category, complaints: count })) : null,
    complaintsBySubCategory: complaints
      ? [...sumBy(complaints, (row) => `${row.category}\u0000${row.subCategory}`, (row) => row.complaints)].map(([key, count]) => {
          const [category, subCategory] = key.split('\u0000') as [string, string];
          return { category, subCategory, complaints: count };
        })
      : null,
    referralsByAgency: [...statusTotals].map(([partnerId, referrals]) => ({
      partnerId, nameTh: nameTh(partnerId), nameEn: names.get(partnerId)?.nameEn ?? partnerId, referrals,
      byStatus: Object.fromEntries(REFERRAL_STATUSES.map((status) => [status, sources.statuses.find((row) => row.partnerId === partnerId && row.status === status)?.referrals ?? 0])),
    })),
    serviceLevels: sources.service.map((row) => ({
      partnerId: row.partnerId, nameTh: nameTh(row.partnerId), nameEn: names.get(row.partnerId)?.nameEn ?? row.partnerId,
      slaAcknowledgeHours: names.get(row.partnerId)?.slaAcknowledgeHours ?? 0, slaResolveDays: names.get(row.partnerId)?.slaResolveDays ?? 0,
      referrals: row.referrals, acknowledged: row.acknowledged,
      acknowledgeMedianHours: hours(row.acknowledgeMedianSeconds), acknowledgeP90Hours: hours(row.acknowledgeP90Seconds),
      acknowledgedInTimeShare: share(row.acknowledgedInTime, row.acknowledgeDue),
      resolved: row.resolved, resolveMedianDays: days(row.resolveMedianSeconds), resolveP90Days: days(row.resolveP90Seconds),
      closedInTimeShare: share(row.closedInTime, row.closeDue), overdue: row.overdue, overdueOpen: row.overdueOpen,
    })),
    informationRequestsAndTransfers: sources.requests.map((row) => ({ ...row, nameTh: nameTh(row.partnerId) })),
    outcomes: sources.outcomes.map((row) => ({ ...row, nameTh: nameTh(row.partnerId) })),
    takedowns: sources.takedowns.map((row) => ({
      platformId: row.platformId, nameTh: nameTh(row.platformId), requests: row.requests, targets: row.targets, answeredInTimeShare: row.answeredInTimeShare,
      medianHoursToAction: row.medianHoursToAction, p90HoursToAction: row.p90HoursToAction, overdue: row.overdue, outcomes: row.outcomes,
    })),
    duplicates: sources.duplicates,
    successCases: { total: sources.successCasesTotal, cases: sources.successCases },
    trend: { step: sources.trendStep, points: sources.trend },
  };
}

/**
 * Hides counts from 1 to threshold − 1 in each breakdown, and where a table's total is shown and one cell alone was
 * hidden, the next smallest non-zero cell too (else the total minus the others gives it back). Agency-level service
 * figures are about agencies, not people, and stay; a median or share over fewer than threshold referrals does not.
 */
export function suppressSmallCounts(figures: ReportFigures, threshold = SUPPRESSION_THRESHOLD): ReportFigures {
  const small = (count: number | null): boolean => count !== null && count > 0 && count < threshold;
  /** Cells of one table (with a published total): suppressed in place, with a complementary cell where needed. */
  const hide = (counts: Array<number | null>): Array<number | null> => {
    const hidden = counts.map((count) => (small(count) ? null : count));
    const suppressedCells = counts.filter((count, index) => count !== null && hidden[index] === null).length;
    if (suppressedCells === 1) {
      let next = -1;
      hidden.forEach((count, index) => {
        if (count !== null && count > 0 && (next < 0 || count < hidden[next]!)) next = index;
      });
      if (next >= 0) hidden[next] = null;
    }
    return hidden;
  };
  const hideColumn = <T, K extends keyof T>(rows: T[] | null, key: K): T[] | null => {
    if (!rows) return rows;
    const hidden = hide(rows.map((row) => row[key] as unknown as number | null));
    return rows.map((row, index) => ({ ...row, [key]: hidden[index] }));
  };
  const hideSmall = (count: number | null): number | null => (small(count) ? null : count);
  return {
    ...figures,
    suppressed: true,
    complaintsByChannel: hideColumn(figures.complaintsByChannel, 'complaints'),
    complaintsByCategory: hideColumn(figures.complaintsByCategory, 'complaints'),
    complaintsBySubCategory: hideColumn(figures.complaintsBySubCategory, 'complaints'),
    referralsByAgency: figures.referralsByAgency.map((row) => {
      const statuses = Object.keys(row.byStatus);
      const hidden = hide(statuses.map((status) => row.byStatus[status]!));
      return { ...row, byStatus: Object.fromEntries(statuses.map((status, index) => [status, hidden[index]!])) };
    }),
    serviceLevels: figures.serviceLevels.map((row) => ({
      ...row,
      acknowledgeMedianHours: row.acknowledged < threshold ? null : row.acknowledgeMedianHours,
      acknowledgeP90Hours: row.acknowledged < threshold ? null : row.acknowledgeP90Hours,
      resolveMedianDays: row.resolved < threshold ? null : row.resolveMedianDays,
      resolveP90Days: row.resolved < threshold ? null : row.resolveP90Days,
    })),
    informationRequestsAndTransfers: figures.informationRequestsAndTransfers.map((row) => ({
      ...row,
      informationRequests: hideSmall(row.informationRequests), awaitingInformation: hideSmall(row.awaitingInformation),
      transfersRequested: hideSmall(row.transfersRequested), transfersConfirmed: hideSmall(row.transfersConfirmed),
    })),
    outcomes: figures.outcomes.map((row) => (small(row.referrals) ? { ...row, referrals: null, amountRecoveredSatang: null } : row)),
  };
}

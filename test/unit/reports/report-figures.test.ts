import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assembleFigures, suppressSmallCounts, trendSteps, type FigureSources, type ServiceRow } from '../../../src/reports/report-figures.js';
import { parsePeriodKey, periodOfDate } from '../../../src/reports/report-period.js';
import { reportTables, TABLE_NAMES } from '../../../src/reports/report-tables.js';

const october = parsePeriodKey('month', '2026-10')!;

function service(partnerId: string, overrides: Partial<ServiceRow> = {}): ServiceRow {
  return {
    partnerId, referrals: 10, acknowledged: 10, acknowledgeMedianSeconds: 7200, acknowledgeP90Seconds: 36000, acknowledgeDue: 10, acknowledgedInTime: 9,
    resolved: 6, resolveMedianSeconds: 3 * 86400, resolveP90Seconds: 9 * 86400, closeDue: 8, closedInTime: 6, overdue: 2, overdueOpen: 1, ...overrides,
  };
}

function sources(overrides: Partial<FigureSources> = {}): FigureSources {
  return {
    period: october, generatedAt: new Date('2026-11-05T05:00:00Z'), agency: null,
    agencies: [{ partnerId: 'ocpb', nameTh: 'สคบ.', nameEn: 'OCPB', slaAcknowledgeHours: 24, slaResolveDays: 30 }, { partnerId: 'tcsd', nameTh: 'บช.สอท.', nameEn: 'TCSD', slaAcknowledgeHours: 24, slaResolveDays: 60 }],
    complaints: [
      { channel: 'web', category: 'shopping', subCategory: 'not_received', complaints: 40 },
      { channel: 'hotline', category: 'shopping', subCategory: 'not_received', complaints: 30 },
      { channel: 'fax', category: 'shopping', subCategory: 'damaged', complaints: 3 },
    ],
    statuses: [{ partnerId: 'ocpb', status: 'resolved', referrals: 6 }, { partnerId: 'ocpb', status: 'in_progress', referrals: 4 }, { partnerId: 'tcsd', status: 'acknowledged', referrals: 2 }],
    service: [service('ocpb'), service('tcsd', { referrals: 2, acknowledged: 2, acknowledgeDue: 2, acknowledgedInTime: 1, resolved: 0, resolveMedianSeconds: null, resolveP90Seconds: null, closeDue: 0, closedInTime: 0, overdue: 0, overdueOpen: 0 })],
    requests: [{ partnerId: 'ocpb', informationRequests: 3, awaitingInformation: 1, transfersRequested: 0, transfersConfirmed: 0 }],
    outcomes: [{ partnerId: 'ocpb', outcome: 'money_returned', referrals: 6, amountRecoveredSatang: '9007199254740993' }],
    successCases: [], successCasesTotal: 6, takedowns: [], duplicates: { cases: 73, casesLinked: 8, clusters: 3, crossAgencyClusters: 1, matchNotices: 4 },
    trendStep: 'day', trend: [],
    ...overrides,
  };
}

describe('report figures', () => {
  it('sums the breakdowns, in the order of their keys, and works out shares and times', () => {
    const figures = assembleFigures(sources());
    expect(figures.complaintsByChannel).toEqual([{ channel: 'fax', complaints: 3 }, { channel: 'hotline', complaints: 30 }, { channel: 'web', complaints: 40 }]);
    expect(figures.complaintsBySubCategory).toEqual([{ category: 'shopping', subCategory: 'damaged', complaints: 3 }, { category: 'shopping', subCategory: 'not_received', complaints: 70 }]);
    expect(figures.headline).toMatchObject({ complaints: 73, referrals: 12, acknowledgedInTimeShare: 0.8333, closedInTimeShare: 0.75, resolved: 6 });
    // Money adds up exactly beyond 2^53.
    expect(figures.headline.amountRecoveredSatang).toBe('9007199254740993');
    expect(figures.serviceLevels[0]).toMatchObject({ acknowledgeMedianHours: 2, acknowledgeP90Hours: 10, resolveMedianDays: 3, resolveP90Days: 9, closedInTimeShare: 0.75 });
    expect(figures.serviceLevels[1]!.closedInTimeShare).toBeNull(); // nothing was due
    expect(figures.referralsByAgency[0]!.byStatus).toMatchObject({ resolved: 6, in_progress: 4, dispatched: 0 });
  });

  it('suppresses counts under 5, and a second cell where one alone would be given back by the total', () => {
    const figures = suppressSmallCounts(assembleFigures(sources()));
    expect(figures.suppressed).toBe(true);
    // fax (3) alone would be 73 − 30 − 40: the next smallest (hotline) goes too.
    expect(figures.complaintsByChannel).toEqual([{ channel: 'fax', complaints: null }, { channel: 'hotline', complaints: null }, { channel: 'web', complaints: 40 }]);
    expect(figures.referralsByAgency[1]!.byStatus.acknowledged).toBeNull();
    // tcsd's two answers say too much of two cases; ocpb's ten do not.
    expect(figures.serviceLevels[0]!.acknowledgeMedianHours).toBe(2);
    expect(figures.informationRequestsAndTransfers[0]).toMatchObject({ informationRequests: null, awaitingInformation: null, transfersRequested: 0 });
    expect(figures.headline.complaints).toBe(73);
  });

  it('never leaves a count from 1 to 4 in any breakdown, and never a lone suppressed cell in a table with a total', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), (counts) => {
      const rows = counts.map((complaints, index) => ({ channel: `c${index}`, category: 'shopping', subCategory: 'not_received', complaints }));
      const figures = suppressSmallCounts(assembleFigures(sources({ complaints: rows })));
      const cells = figures.complaintsByChannel!.map((row) => row.complaints);
      expect(cells.every((cell) => cell === null || cell === 0 || cell >= 5)).toBe(true);
      const hidden = cells.filter((cell) => cell === null).length;
      const nonZero = counts.filter((count) => count > 0).length;
      expect(hidden === 1 && nonZero > 1).toBe(false);
    }));
  });

  it('draws every step of the period, and stops at now for a period still running', () => {
    expect(trendSteps(october, 'day')).toHaveLength(31);
    expect(trendSteps(october, 'day')[0]).toBe('2026-10-01T00:00');
    expect(trendSteps(parsePeriodKey('day', '2026-10-05')!, 'hour')).toHaveLength(24);
    expect(trendSteps(parsePeriodKey('year', '2026')!, 'month')).toEqual(Array.from({ length: 12 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}-01T00:00`));
    // Q4 2026 begins on a Thursday: its first week step is Monday 28 September.
    expect(trendSteps(parsePeriodKey('quarter', '2026-Q4')!, 'week')[0]).toBe('2026-09-28T00:00');
    expect(trendSteps(october, 'day', new Date('2026-10-10T03:00:00Z'))).toHaveLength(10);
  });

  it('names the period of a date, or the last one ended', () => {
    const now = new Date('2026-12-01T03:00:00Z');
    expect(periodOfDate('month', undefined, now)!.key).toBe('2026-11');
    expect(periodOfDate('week', '2026-10-15', now)!.key).toBe('2026-W42');
    expect(periodOfDate('day', '2026-02-30', now)).toBeUndefined();
  });

  it('turns the figures into the tables every file carries, with Thai headers and typed columns', () => {
    const tables = reportTables(suppressSmallCounts(assembleFigures(sources())));
    expect(tables.map((table) => table.name)).toEqual([...TABLE_NAMES]);
    for (const table of tables) {
      expect(table.titleTh.length).toBeLessThanOrEqual(31); // an Excel sheet name
      for (const column of table.columns) expect(column.th).toMatch(/[\u0E00-\u0E7F]|P90|ID/);
      for (const row of table.rows) expect(Object.keys(row).every((key) => table.columns.some((column) => column.key === key) || key === 'nameEn')).toBe(true);
    }
    const headline = tables.find((table) => table.name === 'headline')!;
    // A spreadsheet cell is a double: baht to the satang up to 2^53 satang, close beyond.
    expect(headline.rows.find((row) => row.measure === 'เงินที่ได้คืน (บาท)')!.value).toBeCloseTo(90071992547409.9, 0);
  });
});

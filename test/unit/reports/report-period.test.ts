import { describe, expect, it } from '@jest/globals';
import { isoWeek, parsePeriodKey, periodContaining, periodLabel, periodsToGenerate, previousPeriod, reportDueAt, PERIOD_KINDS } from '../../../src/reports/report-period.js';

const at = (iso: string): Date => new Date(iso);

describe('report periods in Bangkok time', () => {
  it('start at midnight Bangkok (17:00 UTC the day before), whatever the UTC date', () => {
    // 23:30 UTC on 30 November is 06:30 on 1 December in Bangkok.
    expect(periodContaining('day', at('2026-11-30T23:30:00Z'))).toEqual({ kind: 'day', start: at('2026-11-30T17:00:00Z'), end: at('2026-12-01T17:00:00Z'), key: '2026-12-01' });
    expect(periodContaining('month', at('2026-11-30T16:59:59.999Z')).key).toBe('2026-11');
    expect(periodContaining('month', at('2026-11-30T17:00:00Z')).key).toBe('2026-12');
    expect(periodContaining('quarter', at('2026-12-31T16:59:59Z'))).toMatchObject({ key: '2026-Q4', start: at('2026-09-30T17:00:00Z'), end: at('2026-12-31T17:00:00Z') });
    expect(periodContaining('year', at('2026-12-31T17:00:00Z')).key).toBe('2027');
  });

  it('number weeks as ISO 8601 does, Monday to Sunday, across year ends', () => {
    expect(isoWeek(2026, 12, 1)).toEqual({ weekYear: 2026, week: 49 });
    expect(isoWeek(2027, 1, 1)).toEqual({ weekYear: 2026, week: 53 });
    expect(isoWeek(2024, 12, 30)).toEqual({ weekYear: 2025, week: 1 });
    const week = periodContaining('week', at('2026-12-03T05:00:00Z'));
    expect(week).toMatchObject({ key: '2026-W49', start: at('2026-11-29T17:00:00Z'), end: at('2026-12-06T17:00:00Z') });
    expect(periodContaining('week', at('2027-01-02T00:00:00Z')).key).toBe('2026-W53');
  });

  it('read back every key they write, and refuse dates that do not exist', () => {
    for (const kind of PERIOD_KINDS) {
      for (let instant = at('2024-12-20T00:00:00Z').getTime(); instant < at('2027-01-20T00:00:00Z').getTime(); instant += 5 * 3600_000) {
        const period = periodContaining(kind, new Date(instant));
        expect(parsePeriodKey(kind, period.key)).toEqual(period);
      }
    }
    for (const [kind, key] of [['day', '2026-02-30'], ['day', '2026-13-01'], ['week', '2025-W53'], ['week', '2026-W00'], ['month', '2026-00'], ['quarter', '2026-Q5'], ['year', '26'], ['day', '2026-12-1']] as const) {
      expect(parsePeriodKey(kind, key)).toBeUndefined();
    }
    expect(parsePeriodKey('week', '2026-W53')?.start).toEqual(at('2026-12-27T17:00:00Z'));
  });

  it('chain: each period ends where the next starts', () => {
    for (const kind of PERIOD_KINDS) {
      let period = periodContaining(kind, at('2027-03-15T00:00:00Z'));
      for (let step = 0; step < 60; step++) {
        const previous = previousPeriod(period);
        expect(previous.end).toEqual(period.start);
        period = previous;
      }
    }
  });

  it('are owed as the 1212 specification says: a day by 10:00 the next day, a week on Monday, a month by the 10th', () => {
    expect(reportDueAt(parsePeriodKey('day', '2026-12-01')!)).toEqual(at('2026-12-02T03:00:00Z'));
    expect(reportDueAt(parsePeriodKey('week', '2026-W49')!)).toEqual(at('2026-12-07T17:00:00Z'));
    expect(reportDueAt(parsePeriodKey('month', '2026-12')!)).toEqual(at('2027-01-10T17:00:00Z'));
    expect(reportDueAt(parsePeriodKey('year', '2026')!)).toEqual(at('2027-01-10T17:00:00Z'));
    // Just after midnight on Monday 7 December 2026 in Bangkok: yesterday, last week, last month, last quarter, last year.
    expect(periodsToGenerate(at('2026-12-06T17:05:00Z')).map((period) => period.key)).toEqual(['2026-12-06', '2026-W49', '2026-11', '2026-Q3', '2025']);
  });

  it('are named in Thai with Buddhist Era years, or in English', () => {
    expect(periodLabel(parsePeriodKey('day', '2026-12-01')!, 'th')).toBe('1 ธันวาคม 2569');
    expect(periodLabel(parsePeriodKey('month', '2026-12')!, 'en')).toBe('December 2026');
    expect(periodLabel(parsePeriodKey('quarter', '2026-Q4')!, 'th')).toBe('ไตรมาสที่ 4/2569');
    expect(periodLabel(parsePeriodKey('year', '2026')!, 'th')).toBe('ปี 2569');
    expect(periodLabel(parsePeriodKey('week', '2026-W53')!, 'th')).toBe('สัปดาห์ที่ 53 (28 ธันวาคม 2569 – 3 มกราคม 2570)');
  });
});

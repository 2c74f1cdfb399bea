/**
 * The periods 1212's reports cover, in Bangkok time (UTC+7 all year: Thailand keeps no daylight saving), and when
 * each report is owed (the 1212 service specification: a day's by 10:00 the next day, a week's on the following
 * Monday, a month's by the 10th of the next month, a year's after it ends). Pure: instants in, instants out.
 */

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant after it (exclusive). */
  end: Date;
  /** Stable key: `2026-12-01`, `2026-W49`, `2026-12`, `2026-Q4`, `2026`. */
  key: string;
}

const BANGKOK_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** An instant as Bangkok wall time, `2026-11-30T14:05:00.000` (no offset written: it is +07:00). */
export function bangkokWallTime(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, -1);
}

/** The Bangkok calendar date (year, month 1–12, day) of an instant. */
export function bangkokDate(instant: Date): { year: number; month: number; day: number } {
  const shifted = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Midnight in Bangkok at the start of a calendar date (months and days may overflow, as Date.UTC allows). */
function bangkokMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - BANGKOK_OFFSET_MS);
}

/** ISO 8601 week of a calendar date: its week-numbering year and week (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return { weekYear, week };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The period of a kind that contains an instant. */
export function periodContaining(kind: PeriodKind, instant: Date): ReportPeriod {
  const { year, month, day } = bangkokDate(instant);
  switch (kind) {
    case 'day':
      return { kind, start: bangkokMidnight(year, month, day), end: bangkokMidnight(year, month, day + 1), key: `${year}-${pad(month)}-${pad(day)}` };
    case 'week': {
      const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
      const { weekYear, week } = isoWeek(year, month, day);
      return { kind, start: bangkokMidnight(year, month, day - weekday), end: bangkokMidnight(year, month, day - weekday + 7), key: `${weekYear}-W${pad(week)}` };
    }
    case 'month':
      return { kind, start: bangkokMidnight(year, month, 1), end: bangkokMidnight(year, month + 1, 1), key: `${year}-${pad(month)}` };
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { kind, start: bangkokMidnight(year, first, 1), end: bangkokMidnight(year, first + 3, 1), key: `${year}-Q${(first + 2) / 3}` };
    }
    case 'year':
      return { kind, start: bangkokMidnight(year, 1, 1), end: bangkokMidnight(year + 1, 1, 1), key: String(year) };
  }
}

/**
 * Reads a period key as `periodContaining` writes it (`2026-12-01`, `2026-W49`, `2026-12`, `2026-Q4`, `2026`);
 * undefined for anything else, a date that does not exist included.
 */
export function parsePeriodKey(kind: PeriodKind, key: string): ReportPeriod | undefined {
  const patterns: Record<PeriodKind, RegExp> = {
    day: /^(\d{4})-(\d{2})-(\d{2})$/,
    week: /^(\d{4})-W(\d{2})$/,
    month: /^(\d{4})-(\d{2})$/,
    quarter: /^(\d{4})-Q([1-4])$/,
    year: /^(\d{4})$/,
  };
  const match = patterns[kind].exec(key);
  if (!match) return undefined;
  const [year, second, third] = match.slice(1).map(Number) as [number, number | undefined, number | undefined];
  let inside: Date;
  if (kind === 'day') inside = bangkokMidnight(year, second!, third!);
  else if (kind === 'week') {
    // Week 1 is the week with 4 January in it.
    const january4 = new Date(Date.UTC(year, 0, 4));
    const monday = Date.UTC(year, 0, 4 - ((january4.getUTCDay() + 6) % 7));
    inside = new Date(monday + (second! - 1) * 7 * DAY_MS - BANGKOK_OFFSET_MS);
  } else if (kind === 'month') inside = bangkokMidnight(year, second!, 1);
  else if (kind === 'quarter') inside = bangkokMidnight(year, (second! - 1) * 3 + 1, 1);
  else inside = bangkokMidnight(year, 1, 1);
  const period = periodContaining(kind, inside);
  return period.key === key ? period : undefined;
}

/** The period just before this one. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  return periodContaining(period.kind, new Date(period.start.getTime() - 1));
}

/**
 * When a period's report is owed: a day's by 10:00 the next day; a week's by the end of the following Monday; a
 * month's by the end of the 10th of the next month; a quarter's and a year's by the end of the 10th of the month
 * after they end.
 */
export function reportDueAt(period: ReportPeriod): Date {
  const { year, month, day } = bangkokDate(period.end);
  switch (period.kind) {
    case 'day':
      return new Date(bangkokMidnight(year, month, day).getTime() + 10 * 3600_000);
    case 'week':
      return bangkokMidnight(year, month, day + 1);
    default:
      return bangkokMidnight(year, month, 11);
  }
}

/** The periods that ended by `now` and whose reports are owed: the last complete one of each kind. */
export function periodsToGenerate(now: Date, kinds: readonly PeriodKind[] = PERIOD_KINDS): ReportPeriod[] {
  return kinds.map((kind) => previousPeriod(periodContaining(kind, now)));
}

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The Buddhist Era year of a Gregorian one (B.E. = C.E. + 543). */
export function buddhistYear(year: number): number {
  return year + 543;
}

/** A period as people name it: in Thai with B.E. years (`1 ธันวาคม 2569`, `ไตรมาสที่ 4/2569`), or in English. */
export function periodLabel(period: ReportPeriod, language: 'th' | 'en'): string {
  const { year, month, day } = bangkokDate(period.start);
  const last = bangkokDate(new Date(period.end.getTime() - 1));
  const thaiYear = (value: number): number => buddhistYear(value);
  switch (period.kind) {
    case 'day':
      return language === 'th' ? `${day} ${THAI_MONTHS[month - 1]} ${thaiYear(year)}` : `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
    case 'week': {
      const week = period.key.slice(-2).replace(/^0/, '');
      return language === 'th'
        ? `สัปดาห์ที่ ${week} (${day} ${THAI_MONTHS[month - 1]} ${thaiYear(year)} – ${last.day} ${THAI_MONTHS[last.month - 1]} ${thaiYear(last.year)})`
        : `Week ${week} (${day} ${ENGLISH_MONTHS[month - 1]} ${year} – ${last.day} ${ENGLISH_MONTHS[last.month - 1]} ${last.year})`;
    }
    case 'month':
      return language === 'th' ? `${THAI_MONTHS[month - 1]} ${thaiYear(year)}` : `${ENGLISH_MONTHS[month - 1]} ${year}`;
    case 'quarter': {
      const quarter = period.key.slice(-1);
      return language === 'th' ? `ไตรมาสที่ ${quarter}/${thaiYear(year)}` : `Q${quarter} ${year}`;
    }
    case 'year':
      return language === 'th' ? `ปี ${thaiYear(year)}` : String(year);
  }
}

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

/**
 * The period of a kind that holds a Bangkok calendar date (`2026-11-30`), or by default the last one that ended by
 * `now`; undefined for a date that does not exist.
 */
export function periodOfDate(kind: PeriodKind, date: string | undefined, now: Date): ReportPeriod | undefined {
  if (date === undefined) return previousPeriod(periodContaining(kind, now));
  const day = parsePeriodKey('day', date);
  return day ? periodContaining(kind, day.start) : undefined;
}

/**
 * A report's figures as tables: one per breakdown, with Thai column headers (English beside them for the CSV) and a
 * type per column, so that every file format writes the same rows. Pure.
 */
import { CATEGORIES, CHANNELS, RESOLUTION_OUTCOMES, STATUSES, SUB_CATEGORIES, TAKEDOWN_OUTCOMES, thaiLabel } from '../standard/labels.js';
import { REFERRAL_STATUSES } from '../standard/codes.js';
import type { ReportFigures } from './report-figures.js';

export type ColumnType = 'text' | 'integer' | 'decimal' | 'share' | 'baht' | 'datetime';

export interface ReportColumn {
  key: string;
  th: string;
  en: string;
  type: ColumnType;
}

export type Cell = string | number | null;

export interface ReportTable {
  /** The name a CSV is asked for by (`?table=`), and the XLSX sheet's key. */
  name: string;
  titleTh: string;
  titleEn: string;
  columns: ReportColumn[];
  rows: Array<Record<string, Cell>>;
}

export const TABLE_NAMES = [
  'headline', 'complaints_by_channel', 'complaints_by_category', 'complaints_by_sub_category', 'referrals_by_agency', 'service_levels',
  'information_requests_and_transfers', 'outcomes', 'success_cases', 'takedowns', 'duplicates', 'trend',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const text = (key: string, th: string, en: string): ReportColumn => ({ key, th, en, type: 'text' });
const integer = (key: string, th: string, en: string): ReportColumn => ({ key, th, en, type: 'integer' });
const decimal = (key: string, th: string, en: string): ReportColumn => ({ key, th, en, type: 'decimal' });
const share = (key: string, th: string, en: string): ReportColumn => ({ key, th, en, type: 'share' });
const baht = (key: string, th: string, en: string): ReportColumn => ({ key, th, en, type: 'baht' });

/** Satang (as the standard counts money) to baht, exact to the satang. */
export function bahtOf(satang: string | number | null): number | null {
  return satang === null ? null : Number(satang) / 100;
}

export function reportTables(figures: ReportFigures): ReportTable[] {
  const h = figures.headline;
  const tables: ReportTable[] = [
    {
      name: 'headline', titleTh: 'ตัวเลขสำคัญ', titleEn: 'Headline figures',
      columns: [text('measure', 'ตัวชี้วัด', 'Measure'), decimal('value', 'ค่า', 'Value')],
      rows: [
        ['เรื่องร้องเรียนที่รับ', h.complaints], ['เรื่องที่ส่งต่อหน่วยงาน', h.referrals], ['หน่วยงานตอบรับแล้ว', h.acknowledged],
        ['สัดส่วนตอบรับภายในกำหนด', h.acknowledgedInTimeShare], ['ดำเนินการเสร็จ', h.resolved], ['สัดส่วนปิดเรื่องภายในกำหนด', h.closedInTimeShare],
        ['เกินกำหนด', h.overdue], ['กรณีสำเร็จ', h.successCases], ['เงินที่ได้คืน (บาท)', bahtOf(h.amountRecoveredSatang)],
        ['คำขอข้อมูลเพิ่มเติม', h.informationRequests], ['คำขอโอนเรื่อง', h.transfersRequested], ['คำขอให้ระงับเนื้อหา', h.takedownRequests],
        ['เรื่องที่พบว่าซ้ำกับเรื่องอื่น', h.duplicateCasesLinked],
      ].map(([measure, value]) => ({ measure: measure as string, value: value as Cell })),
    },
  ];
  if (figures.complaintsByChannel) {
    tables.push({
      name: 'complaints_by_channel', titleTh: 'เรื่องร้องเรียนตามช่องทาง', titleEn: 'Complaints by channel',
      columns: [text('channel', 'รหัสช่องทาง', 'Channel code'), text('channelTh', 'ช่องทาง', 'Channel'), integer('complaints', 'จำนวนเรื่อง', 'Complaints')],
      rows: figures.complaintsByChannel.map((row) => ({ channel: row.channel, channelTh: thaiLabel(CHANNELS, row.channel), complaints: row.complaints })),
    });
  }
  if (figures.complaintsByCategory) {
    tables.push({
      name: 'complaints_by_category', titleTh: 'เรื่องร้องเรียนตามประเภท', titleEn: 'Complaints by category',
      columns: [text('category', 'รหัสประเภท', 'Category code'), text('categoryTh', 'ประเภท', 'Category'), integer('complaints', 'จำนวนเรื่อง', 'Complaints')],
      rows: figures.complaintsByCategory.map((row) => ({ category: row.category, categoryTh: thaiLabel(CATEGORIES, row.category), complaints: row.complaints })),
    });
  }
  if (figures.complaintsBySubCategory) {
    tables.push({
      name: 'complaints_by_sub_category', titleTh: 'เรื่องร้องเรียนตามประเภทย่อย', titleEn: 'Complaints by sub-category',
      columns: [text('category', 'รหัสประเภท', 'Category code'), text('subCategory', 'รหัสประเภทย่อย', 'Sub-category code'), text('subCategoryTh', 'ประเภทย่อย', 'Sub-category'), integer('complaints', 'จำนวนเรื่อง', 'Complaints')],
      rows: figures.complaintsBySubCategory.map((row) => ({ category: row.category, subCategory: row.subCategory, subCategoryTh: thaiLabel(SUB_CATEGORIES, row.subCategory), complaints: row.complaints })),
    });
  }
  tables.push(
    {
      name: 'referrals_by_agency', titleTh: 'ส่งต่อตามหน่วยงานและสถานะ', titleEn: 'Referrals by agency and status',
      columns: [
        text('partnerId', 'รหัสหน่วยงาน', 'Agency code'), text('nameTh', 'หน่วยงาน', 'Agency'), integer('referrals', 'รวม', 'Total'),
        ...REFERRAL_STATUSES.map((status) => integer(status, STATUSES[status]![0], STATUSES[status]![1])),
      ],
      rows: figures.referralsByAgency.map((row) => ({ partnerId: row.partnerId, nameTh: row.nameTh, referrals: row.referrals, ...row.byStatus })),
    },
    {
      name: 'service_levels', titleTh: 'ระดับการให้บริการของหน่วยงาน', titleEn: 'Service levels per agency',
      columns: [
        text('partnerId', 'รหัสหน่วยงาน', 'Agency code'), text('nameTh', 'หน่วยงาน', 'Agency'),
        integer('slaAcknowledgeHours', 'กำหนดตอบรับ (ชั่วโมง)', 'Acknowledge within (hours)'), integer('slaResolveDays', 'กำหนดดำเนินการ (วัน)', 'Resolve within (days)'),
        integer('referrals', 'เรื่องที่ได้รับ', 'Referrals'), integer('acknowledged', 'ตอบรับแล้ว', 'Acknowledged'),
        decimal('acknowledgeMedianHours', 'เวลาตอบรับ มัธยฐาน (ชั่วโมง)', 'Time to acknowledge, median (hours)'),
        decimal('acknowledgeP90Hours', 'เวลาตอบรับ P90 (ชั่วโมง)', 'Time to acknowledge, p90 (hours)'),
        share('acknowledgedInTimeShare', 'ตอบรับภายในกำหนด', 'Acknowledged in time'),
        integer('resolved', 'ดำเนินการเสร็จ', 'Resolved'),
        decimal('resolveMedianDays', 'เวลาดำเนินการ มัธยฐาน (วัน)', 'Time to resolve, median (days)'),
        decimal('resolveP90Days', 'เวลาดำเนินการ P90 (วัน)', 'Time to resolve, p90 (days)'),
        share('closedInTimeShare', 'ปิดเรื่องภายในกำหนด', 'Closed in time'),
        integer('overdue', 'เกินกำหนด', 'Overdue'), integer('overdueOpen', 'เกินกำหนดและยังไม่ปิด', 'Overdue and still open'),
      ],
      rows: figures.serviceLevels.map((row) => ({ ...row }) as unknown as Record<string, Cell>),
    },
    {
      name: 'information_requests_and_transfers', titleTh: 'ขอข้อมูลเพิ่มและโอนเรื่อง', titleEn: 'Information requests and transfers',
      columns: [
        text('partnerId', 'รหัสหน่วยงาน', 'Agency code'), text('nameTh', 'หน่วยงาน', 'Agency'),
        integer('informationRequests', 'ขอข้อมูลเพิ่มเติม', 'Information requests'), integer('awaitingInformation', 'รอข้อมูลจาก 1212', 'Awaiting information'),
        integer('transfersRequested', 'ขอโอนเรื่อง', 'Transfers requested'), integer('transfersConfirmed', 'โอนเรื่องแล้ว', 'Transfers confirmed'),
      ],
      rows: figures.informationRequestsAndTransfers.map((row) => ({ ...row }) as unknown as Record<string, Cell>),
    },
    {
      name: 'outcomes', titleTh: 'ผลการดำเนินการ', titleEn: 'Outcomes of resolved referrals',
      columns: [
        text('partnerId', 'รหัสหน่วยงาน', 'Agency code'), text('nameTh', 'หน่วยงาน', 'Agency'), text('outcome', 'รหัสผล', 'Outcome code'),
        text('outcomeTh', 'ผลการดำเนินการ', 'Outcome'), integer('referrals', 'จำนวนเรื่อง', 'Referrals'), baht('amountRecovered', 'เงินที่ได้คืน (บาท)', 'Money recovered (THB)'),
      ],
      rows: figures.outcomes.map((row) => ({
        partnerId: row.partnerId, nameTh: row.nameTh, outcome: row.outcome, outcomeTh: thaiLabel(RESOLUTION_OUTCOMES, row.outcome), referrals: row.referrals, amountRecovered: bahtOf(row.amountRecoveredSatang),
      })),
    },
    {
      name: 'success_cases', titleTh: 'กรณีสำเร็จ', titleEn: 'Success cases',
      columns: [
        text('referenceCode', 'เลขอ้างอิง', 'Reference code'), text('partnerId', 'รหัสหน่วยงาน', 'Agency code'), text('categoryTh', 'ประเภท', 'Category'),
        text('subCategoryTh', 'ประเภทย่อย', 'Sub-category'), { key: 'resolvedAt', th: 'วันที่ดำเนินการเสร็จ', en: 'Resolved at', type: 'datetime' },
        text('outcomeTh', 'ผลการดำเนินการ', 'Outcome'), baht('amountRecovered', 'เงินที่ได้คืน (บาท)', 'Money recovered (THB)'), text('note', 'บันทึกของหน่วยงาน', "Agency's note"),
      ],
      rows: figures.successCases.cases.map((row) => ({
        referenceCode: row.referenceCode, partnerId: row.partnerId, categoryTh: thaiLabel(CATEGORIES, row.category), subCategoryTh: thaiLabel(SUB_CATEGORIES, row.subCategory),
        resolvedAt: new Date(row.resolvedAt).toISOString(), outcomeTh: thaiLabel(RESOLUTION_OUTCOMES, row.outcome ?? 'money_returned'), amountRecovered: bahtOf(row.amountRecoveredSatang), note: row.note,
      })),
    },
    {
      name: 'takedowns', titleTh: 'คำขอให้ระงับเนื้อหาตามแพลตฟอร์ม', titleEn: 'Takedowns by platform',
      columns: [
        text('platformId', 'รหัสแพลตฟอร์ม', 'Platform code'), text('nameTh', 'แพลตฟอร์ม', 'Platform'), integer('requests', 'คำขอ', 'Requests'), integer('targets', 'รายการ', 'Targets'),
        share('answeredInTimeShare', 'ตอบภายในกำหนด', 'Answered in time'), decimal('medianHoursToAction', 'เวลาดำเนินการ มัธยฐาน (ชั่วโมง)', 'Time to action, median (hours)'),
        decimal('p90HoursToAction', 'เวลาดำเนินการ P90 (ชั่วโมง)', 'Time to action, p90 (hours)'), integer('overdue', 'เกินกำหนด', 'Overdue'),
        ...Object.keys(TAKEDOWN_OUTCOMES).map((outcome) => integer(`outcome_${outcome}`, TAKEDOWN_OUTCOMES[outcome]![0], TAKEDOWN_OUTCOMES[outcome]![1])),
      ],
      rows: figures.takedowns.map(({ outcomes, ...row }) => ({
        ...row, ...Object.fromEntries(Object.keys(TAKEDOWN_OUTCOMES).map((outcome) => [`outcome_${outcome}`, outcomes[outcome] ?? 0])),
      })),
    },
  );
  if (figures.duplicates) {
    const d = figures.duplicates;
    tables.push({
      name: 'duplicates', titleTh: 'เรื่องซ้ำข้ามหน่วยงาน', titleEn: 'Cross-agency duplicates',
      columns: [text('measure', 'ตัวชี้วัด', 'Measure'), integer('value', 'จำนวน', 'Count')],
      rows: [
        ['เรื่องที่ตรวจ', d.cases], ['เรื่องที่พบว่าเชื่อมโยงกับเรื่องอื่น', d.casesLinked], ['กลุ่มเรื่องซ้ำ', d.clusters],
        ['กลุ่มที่มีหลายหน่วยงานถือเรื่อง', d.crossAgencyClusters], ['การแจ้งเรื่องซ้ำที่ส่งให้หน่วยงาน', d.matchNotices],
      ].map(([measure, value]) => ({ measure: measure as string, value: value as number })),
    });
  }
  tables.push({
    name: 'trend', titleTh: 'แนวโน้ม', titleEn: 'Trend',
    columns: [text('at', 'ช่วงเวลา (เวลาประเทศไทย)', 'From (Bangkok time)'), integer('complaints', 'เรื่องร้องเรียน', 'Complaints'), integer('referrals', 'เรื่องที่ส่งต่อ', 'Referrals'), integer('resolved', 'ดำเนินการเสร็จ', 'Resolved')],
    rows: figures.trend.points.map((point) => ({ ...point })),
  });
  return tables;
}

import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import pptxgenjs from 'pptxgenjs';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { CATEGORIES, RESOLUTION_OUTCOMES, thaiLabel } from '../standard/labels.js';
import type { ReportFigures } from './report-figures.js';
import { bangkokWallTime } from './report-period.js';
import type { ColumnType, ReportTable } from './report-tables.js';
import { bahtOf } from './report-tables.js';

/**
 * The files of a report. Thai text is written in Tahoma: Windows, macOS and every Office since 2007 carry it with Thai
 * glyphs, so a file opens the same at ETDA as here, without a font embedded.
 */
export const REPORT_FONT = 'Tahoma';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pptx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const KIND_TH: Record<string, string> = { day: 'ประจำวัน', week: 'ประจำสัปดาห์', month: 'ประจำเดือน', quarter: 'ประจำไตรมาส', year: 'ประจำปี' };
const TITLE_TH = 'รายงานผลการดำเนินงาน ศูนย์รับเรื่องร้องเรียนปัญหาออนไลน์ 1212';
/** What a suppressed count reads as in a file. */
const SUPPRESSED = '<5';

// pptxgenjs types its default export as a CommonJS module; Node's ESM import gives the class itself.
type Deck = typeof pptxgenjs.default;
const PptxGenJS: Deck = ((pptxgenjs as unknown as { default?: Deck }).default ?? pptxgenjs) as Deck;
type Slide = ReturnType<InstanceType<Deck>['addSlide']>;
type TableCell = { text: string; options: Record<string, unknown> };
type ThemeProps = InstanceType<Deck>['theme'];

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined, integer: '#,##0', decimal: '#,##0.00', share: '0.0%', baht: '#,##0.00', datetime: 'yyyy-mm-dd hh:mm',
};

/** Bangkok wall time of an instant, as `2026-11-30 14:05`. */
function bangkokTime(instant: string | Date): string {
  return bangkokWallTime(new Date(instant)).slice(0, 16).replace('T', ' ');
}

/** One table as CSV: the columns' keys as the header (raw, for machines), UTF-8 with a BOM so that Excel reads Thai. */
export function tableCsv(table: ReportTable, figures: ReportFigures): Readable {
  const csv = stringify({ header: true, bom: true, escape_formulas: true, columns: table.columns.map((column) => ({ key: column.key, header: column.key })) });
  for (const row of table.rows) {
    csv.write(Object.fromEntries(table.columns.map((column) => [column.key, row[column.key] === null && figures.suppressed && column.type === 'integer' ? SUPPRESSED : row[column.key] ?? ''])));
  }
  csv.end();
  return csv;
}

/**
 * The workbook, streamed row by row into `out`: a cover sheet, then one sheet per table with Thai headers, typed
 * cells and the header row frozen.
 */
export async function writeXlsx(figures: ReportFigures, tables: ReportTable[], out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'OCX hub';
  workbook.created = new Date(figures.generatedAt);
  const font = { name: REPORT_FONT, size: 10 };
  const cover = workbook.addWorksheet('รายงาน');
  cover.columns = [{ width: 34 }, { width: 70 }];
  const coverRows: Array<[string, string]> = [
    [TITLE_TH, ''],
    ['รอบรายงาน', `${KIND_TH[figures.period.kind]} ${figures.period.labelTh}`],
    ['ช่วงเวลา (เวลาประเทศไทย)', `${bangkokTime(figures.period.start)} ถึงก่อน ${bangkokTime(figures.period.end)}`],
    ['จัดทำเมื่อ (เวลาประเทศไทย)', bangkokTime(figures.generatedAt)],
    ['หน่วยงาน', figures.agency ?? 'ทุกหน่วยงาน'],
    ['การปกปิดข้อมูล', figures.suppressed ? `จำนวนที่น้อยกว่า 5 ในตารางแยกย่อยแสดงเป็น "${SUPPRESSED}"` : 'ไม่ปกปิด (ใช้ภายในศูนย์ 1212 เท่านั้น)'],
  ];
  for (const [index, values] of coverRows.entries()) {
    const row = cover.addRow(values);
    row.font = { ...font, bold: index === 0, size: index === 0 ? 14 : 10 };
    row.commit();
  }
  cover.commit();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.titleTh.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column) => ({
      header: column.th,
      key: column.key,
      width: column.type === 'text' ? Math.min(60, Math.max(14, column.th.length + 4)) : Math.max(12, Math.min(30, column.th.length + 2)),
      style: { font, ...(NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {}) },
    }));
    sheet.getRow(1).font = { ...font, bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    for (const values of table.rows) {
      const row = sheet.addRow(Object.fromEntries(table.columns.map((column) => {
        const value = values[column.key] ?? null;
        if (value === null) return [column.key, figures.suppressed && column.type === 'integer' ? SUPPRESSED : null];
        return [column.key, column.type === 'datetime' ? new Date(String(value)) : value];
      })));
      row.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
}

/** The workbook as one buffer (for storing it and hashing it). */
export async function xlsxBuffer(figures: ReportFigures, tables: ReportTable[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeXlsx(figures, tables, out);
  await ended;
  return Buffer.concat(chunks);
}

const formatInteger = (value: number | null): string => (value === null ? SUPPRESSED : value.toLocaleString('en-US'));
const formatShare = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const formatBaht = (satang: string | null): string => (satang === null ? SUPPRESSED : `${(bahtOf(satang) ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} บาท`);

/** The deck: a title slide, the headline numbers, trend and service-level charts, takedowns, and the success cases. */
export async function pptxBuffer(figures: ReportFigures, successCasesPerDeck = 30): Promise<Buffer> {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  deck.author = 'OCX hub';
  deck.company = 'ETDA 1212';
  deck.title = `${TITLE_TH} ${KIND_TH[figures.period.kind]} ${figures.period.labelTh}`;
  deck.theme = { headFontFace: REPORT_FONT, bodyFontFace: REPORT_FONT, lang: 'th-TH' } as ThemeProps;
  const text = { fontFace: REPORT_FONT, lang: 'th-TH', color: '1F2937' };
  const heading = (slide: Slide, title: string): void => {
    slide.addText(title, { ...text, x: 0.5, y: 0.3, w: 12.3, h: 0.7, fontSize: 24, bold: true, color: '0B3D91' });
  };

  const title = deck.addSlide();
  title.background = { color: '0B3D91' };
  title.addText(TITLE_TH, { ...text, x: 0.7, y: 2.0, w: 12, h: 1.2, fontSize: 30, bold: true, color: 'FFFFFF' });
  title.addText(`รายงาน${KIND_TH[figures.period.kind]} ${figures.period.labelTh}`, { ...text, x: 0.7, y: 3.3, w: 12, h: 0.8, fontSize: 24, color: 'FFFFFF' });
  title.addText(`${figures.agency ? `หน่วยงาน ${figures.agency} · ` : ''}จัดทำเมื่อ ${bangkokTime(figures.generatedAt)} (เวลาประเทศไทย)`, { ...text, x: 0.7, y: 4.3, w: 12, h: 0.5, fontSize: 14, color: 'DDE6F5' });

  const h = figures.headline;
  const headline = deck.addSlide();
  heading(headline, 'ตัวเลขสำคัญ');
  const tiles: Array<[string, string]> = [
    ['เรื่องร้องเรียนที่รับ', h.complaints === null ? '–' : formatInteger(h.complaints)],
    ['ส่งต่อหน่วยงาน', formatInteger(h.referrals)],
    ['ดำเนินการเสร็จ', formatInteger(h.resolved)],
    ['ตอบรับภายในกำหนด', formatShare(h.acknowledgedInTimeShare)],
    ['ปิดเรื่องภายในกำหนด', formatShare(h.closedInTimeShare)],
    ['เกินกำหนด', formatInteger(h.overdue)],
    ['กรณีสำเร็จ', formatInteger(h.successCases)],
    ['เงินที่ได้คืน', formatBaht(h.amountRecoveredSatang)],
  ];
  tiles.forEach(([label, value], index) => {
    const x = 0.5 + (index % 4) * 3.1;
    const y = 1.4 + Math.floor(index / 4) * 2.6;
    headline.addShape(deck.ShapeType.roundRect, { x, y, w: 2.9, h: 2.3, fill: { color: 'EEF3FB' }, line: { color: 'C9D6EE' }, rectRadius: 0.1 });
    headline.addText(value, { ...text, x, y: y + 0.3, w: 2.9, h: 1.0, fontSize: 28, bold: true, align: 'center', color: '0B3D91' });
    headline.addText(label, { ...text, x, y: y + 1.35, w: 2.9, h: 0.6, fontSize: 14, align: 'center' });
  });

  if (figures.trend.points.length > 0) {
    const trend = deck.addSlide();
    heading(trend, 'แนวโน้ม');
    const labels = figures.trend.points.map((point) => point.at.slice(figures.trend.step === 'hour' ? 11 : 0, figures.trend.step === 'hour' ? 16 : figures.trend.step === 'month' ? 7 : 10));
    trend.addChart(deck.ChartType.line, [
      ...(figures.agency ? [] : [{ name: 'เรื่องร้องเรียน', labels, values: figures.trend.points.map((point) => point.complaints) }]),
      { name: 'ส่งต่อหน่วยงาน', labels, values: figures.trend.points.map((point) => point.referrals) },
      { name: 'ดำเนินการเสร็จ', labels, values: figures.trend.points.map((point) => point.resolved) },
    ], { x: 0.5, y: 1.2, w: 12.3, h: 5.8, showLegend: true, legendPos: 'b', legendFontFace: REPORT_FONT, catAxisLabelFontFace: REPORT_FONT, valAxisLabelFontFace: REPORT_FONT, lang: 'th-TH', chartColors: ['0B3D91', 'F59E0B', '10B981'] });
  }

  const categories = (figures.complaintsByCategory ?? []).filter((row) => row.complaints !== null);
  if (categories.length > 0) {
    const slide = deck.addSlide();
    heading(slide, 'เรื่องร้องเรียนตามประเภท');
    slide.addChart(deck.ChartType.bar, [{ name: 'จำนวนเรื่อง', labels: categories.map((row) => thaiLabel(CATEGORIES, row.category)), values: categories.map((row) => row.complaints as number) }], {
      x: 0.5, y: 1.2, w: 12.3, h: 5.8, barDir: 'bar', showValue: true, catAxisLabelFontFace: REPORT_FONT, valAxisLabelFontFace: REPORT_FONT, dataLabelFontFace: REPORT_FONT, lang: 'th-TH', chartColors: ['0B3D91'],
    });
  }

  if (figures.serviceLevels.length > 0) {
    const slide = deck.addSlide();
    heading(slide, 'ระดับการให้บริการของหน่วยงาน');
    const agencies = figures.serviceLevels.map((row) => row.nameTh);
    slide.addChart(deck.ChartType.bar, [
      { name: 'ตอบรับภายในกำหนด', labels: agencies, values: figures.serviceLevels.map((row) => row.acknowledgedInTimeShare ?? 0) },
      { name: 'ปิดเรื่องภายในกำหนด', labels: agencies, values: figures.serviceLevels.map((row) => row.closedInTimeShare ?? 0) },
    ], {
      x: 0.5, y: 1.1, w: 12.3, h: 3.4, barDir: 'bar', barGrouping: 'clustered', showLegend: true, legendPos: 'b', valAxisMaxVal: 1, valAxisLabelFormatCode: '0%', dataLabelFormatCode: '0%', showValue: true,
      legendFontFace: REPORT_FONT, catAxisLabelFontFace: REPORT_FONT, valAxisLabelFontFace: REPORT_FONT, dataLabelFontFace: REPORT_FONT, lang: 'th-TH', chartColors: ['0B3D91', '10B981'],
    });
    const cell = (value: string): TableCell => ({ text: value, options: { ...text, fontSize: 10 } });
    const header = ['หน่วยงาน', 'เรื่อง', 'ตอบรับ มัธยฐาน (ชม.)', 'ตอบรับภายในกำหนด', 'เสร็จ', 'ดำเนินการ มัธยฐาน (วัน)', 'ปิดภายในกำหนด', 'เกินกำหนด'].map((value) => ({ text: value, options: { ...text, fontSize: 10, bold: true, fill: { color: 'EEF3FB' } } }));
    slide.addTable([header, ...figures.serviceLevels.slice(0, 8).map((row) => [
      cell(row.nameTh), cell(formatInteger(row.referrals)), cell(row.acknowledgeMedianHours === null ? '–' : row.acknowledgeMedianHours.toFixed(1)), cell(formatShare(row.acknowledgedInTimeShare)),
      cell(formatInteger(row.resolved)), cell(row.resolveMedianDays === null ? '–' : row.resolveMedianDays.toFixed(1)), cell(formatShare(row.closedInTimeShare)), cell(formatInteger(row.overdue)),
    ])], { x: 0.5, y: 4.6, w: 12.3, colW: [3.1, 1.1, 1.6, 1.5, 1.0, 1.6, 1.4, 1.0], border: { type: 'solid', color: 'C9D6EE', pt: 0.5 } });
  }

  if (figures.takedowns.length > 0) {
    const slide = deck.addSlide();
    heading(slide, 'คำขอให้ระงับเนื้อหาตามแพลตฟอร์ม');
    const platforms = figures.takedowns.map((row) => row.nameTh);
    slide.addChart(deck.ChartType.bar, [{ name: 'ตอบภายในกำหนด', labels: platforms, values: figures.takedowns.map((row) => row.answeredInTimeShare ?? 0) }], {
      x: 0.5, y: 1.2, w: 12.3, h: 5.8, barDir: 'bar', valAxisMaxVal: 1, valAxisLabelFormatCode: '0%', dataLabelFormatCode: '0%', showValue: true,
      catAxisLabelFontFace: REPORT_FONT, valAxisLabelFontFace: REPORT_FONT, dataLabelFontFace: REPORT_FONT, lang: 'th-TH', chartColors: ['0B3D91'],
    });
  }

  const cases = figures.successCases.cases.slice(0, successCasesPerDeck);
  for (let start = 0; start < Math.max(cases.length, 1); start += 10) {
    const slide = deck.addSlide();
    heading(slide, `กรณีสำเร็จ (${formatInteger(figures.successCases.total)} เรื่อง)`);
    if (cases.length === 0) {
      slide.addText('ไม่มีกรณีสำเร็จในรอบนี้', { ...text, x: 0.5, y: 1.4, w: 12, h: 0.6, fontSize: 16 });
      break;
    }
    const cell = (value: string): TableCell => ({ text: value, options: { ...text, fontSize: 10, valign: 'top' } });
    const header = ['เลขอ้างอิง', 'หน่วยงาน', 'ผล', 'เงินที่ได้คืน', 'บันทึกของหน่วยงาน'].map((value) => ({ text: value, options: { ...text, fontSize: 10, bold: true, fill: { color: 'EEF3FB' } } }));
    slide.addTable([header, ...cases.slice(start, start + 10).map((row) => [
      cell(row.referenceCode), cell(row.partnerId), cell(thaiLabel(RESOLUTION_OUTCOMES, row.outcome ?? 'money_returned')),
      cell(row.amountRecoveredSatang === null ? '–' : formatBaht(String(row.amountRecoveredSatang))), cell(row.note.length > 160 ? `${row.note.slice(0, 157)}…` : row.note),
    ])], { x: 0.5, y: 1.2, w: 12.3, colW: [1.7, 1.4, 1.6, 1.8, 5.8], border: { type: 'solid', color: 'C9D6EE', pt: 0.5 }, autoPage: false });
    if (start + 10 >= cases.length && figures.successCases.total > cases.length) {
      slide.addText(`และอีก ${(figures.successCases.total - cases.length).toLocaleString('en-US')} เรื่องในไฟล์ Excel`, { ...text, x: 0.5, y: 6.9, w: 12, h: 0.4, fontSize: 12, italic: true });
    }
  }
  return (await deck.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
}

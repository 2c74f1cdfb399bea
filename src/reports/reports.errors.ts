import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const REPORT_PROBLEMS = {
  REPORT_PERIOD_INVALID: { status: 422, title: 'No such report period' },
  REPORT_TABLE_REQUIRED: { status: 422, title: 'A CSV report is one table: name it' },
  REPORT_NOT_FOUND: { status: 404, title: 'No such report' },
  REPORT_RUN_IN_PROGRESS: { status: 409, title: 'The report is being generated' },
} as const satisfies ProblemTable<string>;

export class ReportError extends errorFamily(REPORT_PROBLEMS) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERIOD_KINDS, type PeriodKind } from '../report-period.js';

const count = (description: string) => ApiProperty({ type: 'integer', nullable: true, description: `${description}; null where suppressed (fewer than 5, in a file that leaves the hub)` });
const share = (description: string) => ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1, description: `${description} (0–1); null when nothing was due` });
const decimal = (description: string) => ApiProperty({ type: 'number', nullable: true, description });

export class ReportPeriodView {
  @ApiProperty({ enum: PERIOD_KINDS }) kind: PeriodKind;
  @ApiProperty({ example: '2026-11', description: '`2026-11-30`, `2026-W48`, `2026-11`, `2026-Q4` or `2026`' }) key: string;
  @ApiProperty({ format: 'date-time', description: 'First instant (inclusive), midnight in Bangkok' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'First instant after it (exclusive)' }) end: string;
  @ApiProperty({ example: 'พฤศจิกายน 2569', description: 'In Thai, the year in the Buddhist Era' }) labelTh: string;
  @ApiProperty({ example: 'November 2026' }) labelEn: string;
}

export class ReportHeadlineView {
  @ApiProperty({ type: 'integer', nullable: true, description: "Complaints received (null in one agency's figures)" }) complaints: number | null;
  @ApiProperty({ type: 'integer', description: 'Referrals dispatched in the period' }) referrals: number;
  @ApiProperty({ type: 'integer' }) acknowledged: number;
  @share('Of the referrals due an answer, answered within the agency’s service level') acknowledgedInTimeShare: number | null;
  @ApiProperty({ type: 'integer' }) resolved: number;
  @share('Of the referrals due to be closed, closed by their due date') closedInTimeShare: number | null;
  @ApiProperty({ type: 'integer', description: 'Past their due date without being closed, or closed after it' }) overdue: number;
  @ApiProperty({ type: 'integer', description: 'Referrals resolved in the period with money returned, goods delivered or content removed' }) successCases: number;
  @ApiProperty({ example: '159000', description: 'Money recovered in the period, in satang (a decimal string: it may exceed 2^53)' }) amountRecoveredSatang: string;
  @ApiProperty({ type: 'integer' }) informationRequests: number;
  @ApiProperty({ type: 'integer' }) transfersRequested: number;
  @ApiProperty({ type: 'integer' }) takedownRequests: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Cases of the period linked to another case (null for one agency)' }) duplicateCasesLinked: number | null;
}

export class ChannelCountView {
  @ApiProperty() channel: string;
  @count('Complaints') complaints: number | null;
}

export class CategoryCountView {
  @ApiProperty() category: string;
  @count('Complaints') complaints: number | null;
}

export class SubCategoryCountView {
  @ApiProperty() category: string;
  @ApiProperty() subCategory: string;
  @count('Complaints') complaints: number | null;
}

export class AgencyReferralsView {
  @ApiProperty() partnerId: string;
  @ApiProperty() nameTh: string;
  @ApiProperty() nameEn: string;
  @count('Referrals dispatched to the agency in the period') referrals: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', nullable: true }, description: 'Referrals of the period by their current status' }) byStatus: Record<string, number | null>;
}

export class ServiceLevelView {
  @ApiProperty() partnerId: string;
  @ApiProperty() nameTh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ type: 'integer', description: 'The registry’s service level: hours to acknowledge' }) slaAcknowledgeHours: number;
  @ApiProperty({ type: 'integer', description: 'The registry’s service level: days to resolve' }) slaResolveDays: number;
  @ApiProperty({ type: 'integer' }) referrals: number;
  @ApiProperty({ type: 'integer' }) acknowledged: number;
  @decimal('Median time to the first answer, in hours') acknowledgeMedianHours: number | null;
  @decimal('90th percentile of the time to the first answer, in hours') acknowledgeP90Hours: number | null;
  @share('Answered within slaAcknowledgeHours') acknowledgedInTimeShare: number | null;
  @ApiProperty({ type: 'integer' }) resolved: number;
  @decimal('Median time to resolve, in days') resolveMedianDays: number | null;
  @decimal('90th percentile of the time to resolve, in days') resolveP90Days: number | null;
  @share('Closed (resolved, rejected or transferred) by the due date') closedInTimeShare: number | null;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer', description: 'Overdue and still open' }) overdueOpen: number;
}

export class RequestsAndTransfersView {
  @ApiProperty() partnerId: string;
  @ApiProperty() nameTh: string;
  @count('Information requests the agency sent 1212') informationRequests: number | null;
  @count('Of those referrals, still waiting for the answer') awaitingInformation: number | null;
  @count('Transfers the agency asked for') transfersRequested: number | null;
  @count('Transfers 1212 confirmed') transfersConfirmed: number | null;
}

export class OutcomeView {
  @ApiProperty() partnerId: string;
  @ApiProperty() nameTh: string;
  @ApiProperty({ example: 'money_returned', description: 'resolution.outcome of the StatusEvent, or `unspecified`' }) outcome: string;
  @count('Referrals resolved so in the period') referrals: number | null;
  @ApiProperty({ type: String, nullable: true, example: '159000', description: 'Satang, a decimal string; null where the count is suppressed' }) amountRecoveredSatang: string | null;
}

export class TakedownFiguresView {
  @ApiProperty() platformId: string;
  @ApiProperty() nameTh: string;
  @ApiProperty({ type: 'integer' }) requests: number;
  @ApiProperty({ type: 'integer' }) targets: number;
  @share('Requests completed before their deadline, of those due') answeredInTimeShare: number | null;
  @decimal('Median hours to action') medianHoursToAction: number | null;
  @decimal('90th percentile of hours to action') p90HoursToAction: number | null;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) outcomes: Record<string, number>;
}

export class DuplicateFiguresView {
  @ApiProperty({ type: 'integer', description: 'Cases reported in the period' }) cases: number;
  @ApiProperty({ type: 'integer', description: 'Of those, in a cluster with another case' }) casesLinked: number;
  @ApiProperty({ type: 'integer' }) clusters: number;
  @ApiProperty({ type: 'integer', description: 'Clusters that more than one agency holds' }) crossAgencyClusters: number;
  @ApiProperty({ type: 'integer' }) matchNotices: number;
}

export class SuccessCaseView {
  @ApiProperty() referenceCode: string;
  @ApiProperty() partnerId: string;
  @ApiProperty() category: string;
  @ApiProperty() subCategory: string;
  @ApiProperty({ format: 'date-time' }) resolvedAt: string;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) amountRecoveredSatang: number | null;
  @ApiProperty({ description: "The agency's resolution summary" }) note: string;
}

export class SuccessCasesView {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [SuccessCaseView], description: 'Oldest first: at most 10,000 in a report, 20 on the dashboard' }) cases: SuccessCaseView[];
}

export class TrendPointView {
  @ApiProperty({ example: '2026-11-03T00:00', description: 'Start of the step, Bangkok wall time' }) at: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "Complaints received (null in one agency's figures)" }) complaints: number | null;
  @ApiProperty({ type: 'integer' }) referrals: number;
  @ApiProperty({ type: 'integer', description: 'Of the referrals dispatched in the step, resolved by now' }) resolved: number;
}

export class TrendView {
  @ApiProperty({ enum: ['hour', 'day', 'week', 'month'] }) step: 'hour' | 'day' | 'week' | 'month';
  @ApiProperty({ type: [TrendPointView] }) points: TrendPointView[];
}

export class ReportFiguresView {
  @ApiProperty({ enum: ['1.0'] }) reportVersion: '1.0';
  @ApiProperty({ type: ReportPeriodView }) period: ReportPeriodView;
  @ApiProperty({ format: 'date-time', description: 'Every figure is as of this instant' }) generatedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The agency these figures are of; null for the whole service' }) agency: string | null;
  @ApiProperty({ description: 'Whether small counts were suppressed (files that leave the hub)' }) suppressed: boolean;
  @ApiProperty({ type: ReportHeadlineView }) headline: ReportHeadlineView;
  @ApiProperty({ type: [ChannelCountView], nullable: true }) complaintsByChannel: ChannelCountView[] | null;
  @ApiProperty({ type: [CategoryCountView], nullable: true }) complaintsByCategory: CategoryCountView[] | null;
  @ApiProperty({ type: [SubCategoryCountView], nullable: true }) complaintsBySubCategory: SubCategoryCountView[] | null;
  @ApiProperty({ type: [AgencyReferralsView] }) referralsByAgency: AgencyReferralsView[];
  @ApiProperty({ type: [ServiceLevelView] }) serviceLevels: ServiceLevelView[];
  @ApiProperty({ type: [RequestsAndTransfersView] }) informationRequestsAndTransfers: RequestsAndTransfersView[];
  @ApiProperty({ type: [OutcomeView] }) outcomes: OutcomeView[];
  @ApiProperty({ type: [TakedownFiguresView] }) takedowns: TakedownFiguresView[];
  @ApiProperty({ type: DuplicateFiguresView, nullable: true }) duplicates: DuplicateFiguresView | null;
  @ApiProperty({ type: SuccessCasesView }) successCases: SuccessCasesView;
  @ApiProperty({ type: TrendView }) trend: TrendView;
}

export class ReportFileView {
  @ApiProperty({ enum: ['json', 'xlsx', 'pptx'] }) format: 'json' | 'xlsx' | 'pptx';
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, as the audit log records it' }) sha256: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ example: '/v1/reports/month?date=2026-11-01&format=xlsx&version=1', description: 'Where to fetch it' }) href: string;
}

export class ReportRunView {
  @ApiProperty({ enum: PERIOD_KINDS }) kind: PeriodKind;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ type: 'integer', description: '1 is the scheduled run; each regeneration adds one' }) version: number;
  @ApiProperty({ enum: ['running', 'ready', 'failed'] }) state: 'running' | 'ready' | 'failed';
  @ApiProperty({ enum: ['schedule', 'request'] }) trigger: 'schedule' | 'request';
  @ApiProperty({ description: 'The hub (schedule) or the staff login that asked' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why a failed run failed' }) error?: string | null;
  @ApiProperty({ type: [ReportFileView] }) files: ReportFileView[];
}

export class ReportRunPageView {
  @ApiProperty({ type: [ReportRunView], description: 'Newest first' }) runs: ReportRunView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

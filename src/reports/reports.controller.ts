import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/roles.js';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { DashboardQuery, ReportFileQuery, ReportPeriodQuery, ReportRunsQuery } from './dto/report.dto.js';
import { ReportFiguresView, ReportRunPageView, ReportRunView } from './dto/report.view.js';
import type { ReportRun } from './report-archive.service.js';
import type { ReportFigures } from './report-figures.js';
import { bangkokWallTime, parsePeriodKey, PERIOD_KINDS, type PeriodKind } from './report-period.js';
import { ReportsService } from './reports.service.js';

const PERIOD_PARAM = { name: 'period', enum: PERIOD_KINDS, description: 'The kind of period the report covers' };

@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles('staff', 'auditor', 'admin')
  @ApiOperation({ operationId: 'listReportRuns', summary: 'The reports kept, newest first: each run of a period with its files and their SHA-256 (as the audit log records them). Roles: staff, auditor, admin.' })
  @ApiOkResponse({ type: ReportRunPageView })
  @ApiProblems(400, 422)
  async list(@Query() query: ReportRunsQuery): Promise<ReportRunPageView> {
    const page = await this.reports.list({ kind: query.kind, periodKey: query.period }, query.cursor, query.limit ?? 50);
    return { runs: page.runs.map(toRunView), nextCursor: page.nextCursor };
  }

  @Get('dashboard')
  @Roles('staff', 'auditor', 'admin', 'partner', 'platform')
  @ApiOperation({
    operationId: 'reportDashboard',
    summary: "A period's figures as they stand, exact (they stay in the hub), for the dashboard: 1212's whole service, or one agency's; a partner gets only its own agency's. Roles: staff, auditor, admin, partner, platform.",
  })
  @ApiOkResponse({ type: ReportFiguresView })
  @ApiProblems(404, 422)
  async dashboard(@Query() query: DashboardQuery, @CurrentPrincipal() who: Principal): Promise<ReportFigures> {
    // The dashboard opens on today: the period that holds now, unless a date is given.
    return this.reports.dashboard(query.period ?? 'day', query.date ?? this.reports.today(), query.agency, who);
  }

  @Get(':period')
  @Roles('staff', 'auditor', 'admin')
  @ApiParam(PERIOD_PARAM)
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.presentationml.presentation')
  @ApiOperation({
    operationId: 'getReport',
    summary: "A period's report as JSON, a CSV table, an Excel workbook or a PowerPoint deck, counts below 5 suppressed. A kept run is served as kept (Repr-Digest carries its SHA-256); a period not kept yet is computed now. Roles: staff, auditor, admin.",
  })
  @ApiOkResponse({
    description: 'The report file',
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/ReportFiguresView' } },
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.presentationml.presentation': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 404, 422)
  async file(@Param('period') kind: string, @Query() query: ReportFileQuery, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<StreamableFile> {
    const download = await this.reports.download(kind, query, who);
    response.header('Content-Disposition', `attachment; filename="${download.fileName}"`);
    if (download.sha256) response.header('Repr-Digest', `sha-256=:${Buffer.from(download.sha256, 'hex').toString('base64')}:`);
    response.header('OCX-Report-Version', download.version === null ? 'computed' : String(download.version));
    response.header('Cache-Control', 'no-store');
    return new StreamableFile(download.body, { type: download.contentType });
  }

  @Post(':period/runs')
  @HttpCode(201)
  @Roles('staff', 'admin')
  @ApiParam(PERIOD_PARAM)
  @ApiOperation({ operationId: 'regenerateReport', summary: "Generates a period's report again as a new version, kept and audited like a scheduled one (e.g. for a past period, or after a correction). Roles: staff, admin." })
  @ApiCreatedResponse({ type: ReportRunView })
  @ApiProblems(404, 409, 422)
  async regenerate(@Param('period') kind: string, @Query() query: ReportPeriodQuery, @CurrentPrincipal() staff: Principal): Promise<ReportRunView> {
    return toRunView(await this.reports.regenerate(kind, query.date, staff));
  }
}

function toRunView(run: ReportRun): ReportRunView {
  const date = dateInside(run.kind, run.periodKey);
  return {
    kind: run.kind, period: run.periodKey, version: run.version, state: run.state, trigger: run.trigger, requestedBy: run.requestedBy,
    startedAt: new Date(run.startedAt).toISOString(), finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null, error: run.error,
    files: run.files.map((file) => ({ format: file.format, sha256: file.sha256, sizeBytes: Number(file.sizeBytes), href: `/v1/reports/${run.kind}?date=${date}&format=${file.format}&version=${run.version}` })),
  };
}

/** The first day of a period, for a link that asks for it (the key read back as the period module writes it). */
function dateInside(kind: PeriodKind, key: string): string {
  return bangkokWallTime(parsePeriodKey(kind, key)!.start).slice(0, 10);
}

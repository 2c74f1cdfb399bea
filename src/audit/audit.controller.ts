import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/roles.js';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { AuditService, type AuditFilter } from './audit.service.js';
import { canonicalJson } from './log-entry.js';
import { AuditQuery } from './dto/audit.dto.js';
import { AuditPageView, LogCheckView, toAuditEntryView } from './dto/audit.view.js';
import { TransparencyLog } from './transparency-log.service.js';

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly log: TransparencyLog,
  ) {}

  @Get('entries')
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'The audit log of exchanges, oldest first, by partner, action, subject and time (no personal data in it). Roles: auditor, admin.' })
  @ApiOkResponse({ type: AuditPageView })
  @ApiProblems(400)
  async list(@Query() query: AuditQuery): Promise<AuditPageView> {
    const page = await this.audit.list(filterOf(query), query.cursor, query.limit ?? 200);
    return { entries: page.entries.map(toAuditEntryView), nextCursor: page.nextCursor };
  }

  @Get('entries/export')
  @ApiProduces('text/csv')
  @ApiOperation({ operationId: 'exportAuditEntries', summary: 'Every entry the filters find, oldest first, as one streamed CSV file (UTF-8 with BOM, for Excel); the export is audited. Roles: auditor, admin.' })
  @ApiOkResponse({ description: 'CSV, one row per entry; `details` as canonical JSON', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(400, 422)
  async export(@Query() query: AuditQuery, @CurrentPrincipal() auditor: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<StreamableFile> {
    const filter = filterOf(query);
    await this.audit.record(auditor, { action: 'audit.exported', subjectType: 'audit_log', details: { filter: canonicalJson({ action: query.action, partner: query.partner, subjectType: query.subjectType, subjectId: query.subjectId, from: query.from, to: query.to }) } });
    const rows = Readable.from((async function* (entries) {
      for await (const entry of entries) {
        const view = toAuditEntryView(entry);
        yield { ...view, details: canonicalJson(view.details) };
      }
    })(this.audit.all(filter)));
    const csv = rows.pipe(stringify({
      header: true,
      bom: true,
      // A cell that starts with = + - @ is not a formula in a spreadsheet.
      escape_formulas: true,
      columns: ['seq', 'leafIndex', 'at', 'action', 'outcome', 'actor', 'actorRole', 'partnerId', 'subjectType', 'subjectId', 'documentSha256', 'details'],
    }));
    rows.on('error', (error) => csv.destroy(error));
    response.header('Content-Disposition', `attachment; filename="ocx-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8' });
  }

  @Get('verify')
  @ApiOperation({ operationId: 'verifyAuditLog', summary: 'Recompute the Merkle log from the database: every entry against its leaf, the tree against every checkpoint. Roles: auditor, admin.' })
  @ApiOkResponse({ type: LogCheckView })
  verify(): Promise<LogCheckView> {
    return this.log.verify();
  }
}

function filterOf(query: AuditQuery): AuditFilter {
  return {
    action: query.action, partnerId: query.partner, subjectType: query.subjectType, subjectId: query.subjectId,
    from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
  };
}

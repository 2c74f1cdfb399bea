import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { AuditService } from './audit.service.js';
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
    const page = await this.audit.list(
      {
        action: query.action, partnerId: query.partner, subjectType: query.subjectType, subjectId: query.subjectId,
        from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
      },
      query.cursor,
      query.limit ?? 200,
    );
    return { entries: page.entries.map(toAuditEntryView), nextCursor: page.nextCursor };
  }

  @Get('verify')
  @ApiOperation({ operationId: 'verifyAuditLog', summary: 'Recompute the Merkle log from the database: every entry against its leaf, the tree against every checkpoint. Roles: auditor, admin.' })
  @ApiOkResponse({ type: LogCheckView })
  verify(): Promise<LogCheckView> {
    return this.log.verify();
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator.js';
import { AuditService, toChained } from './audit.service.js';
import { AuditQuery } from './dto/audit.dto.js';
import { AuditPageView, ChainCheckView } from './dto/audit.view.js';

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('entries')
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'The audit log of exchanges, oldest first (no personal data in it)' })
  @ApiOkResponse({ type: AuditPageView })
  async list(@Query() query: AuditQuery): Promise<AuditPageView> {
    const page = await this.audit.list({ action: query.action, partnerId: query.partner }, query.cursor, query.limit ?? 200);
    return { entries: page.entries.map(toChained), nextCursor: page.nextCursor };
  }

  @Get('verify')
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Recompute the hash chain: intact, or where it breaks' })
  @ApiOkResponse({ type: ChainCheckView })
  verify(): Promise<ChainCheckView> {
    return this.audit.verify();
  }
}

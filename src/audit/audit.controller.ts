import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Roles } from '../access/roles.decorator.js';
import { AuditService, toChained } from './audit.service.js';

class AuditQuery {
  @ApiPropertyOptional({ example: 'evidence.downloaded' }) @IsOptional() @Length(1, 100) @IsString() action?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ description: 'Entries after this sequence number' }) @IsOptional() @Min(0) @IsInt() @Type(() => Number) after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @IsOptional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

class AuditEntryView {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: 'status_event.accepted' }) action: string;
  @ApiProperty() subjectType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subjectId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) partnerId: string | null;
  @ApiProperty({ enum: ['ok', 'refused'] }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) entries: AuditEntryView[];
}

class ChainCheckView {
  @ApiProperty() intact: boolean;
  @ApiPropertyOptional() entries?: number;
  @ApiPropertyOptional({ description: 'Hash of the last entry: note it to prove later that nothing before it changed' }) head?: string;
  @ApiPropertyOptional() brokenAt?: number;
  @ApiPropertyOptional() reason?: string;
}

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('entries')
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'The audit log of exchanges, oldest first (no personal data in it)' })
  @ApiOkResponse({ type: AuditPageView })
  async list(@Query() query: AuditQuery): Promise<AuditPageView> {
    const entries = await this.audit.list({ action: query.action, partnerId: query.partner, after: query.after }, query.limit ?? 200);
    return { entries: entries.map(toChained) };
  }

  @Get('verify')
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Recompute the hash chain: intact, or where it breaks' })
  @ApiOkResponse({ type: ChainCheckView })
  verify(): Promise<ChainCheckView> {
    return this.audit.verify();
  }
}

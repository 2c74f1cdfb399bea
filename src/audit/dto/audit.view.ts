import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEntryView {
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

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) entries: AuditEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class ChainCheckView {
  @ApiProperty() intact: boolean;
  @ApiPropertyOptional() entries?: number;
  @ApiPropertyOptional({ description: 'Hash of the last entry: note it to prove later that nothing before it changed' }) head?: string;
  @ApiPropertyOptional() brokenAt?: number;
  @ApiPropertyOptional() reason?: string;
}

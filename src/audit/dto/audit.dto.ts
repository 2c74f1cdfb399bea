import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class AuditQuery extends CursorQuery {
  @ApiPropertyOptional({ example: 'evidence.downloaded' }) @IsOptional() @Length(1, 100) @IsString() action?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @IsOptional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

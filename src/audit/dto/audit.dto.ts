import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../common/optional.decorator.js';

export class AuditQuery extends CursorQuery {
  @ApiPropertyOptional({ example: 'evidence.downloaded' }) @Optional() @Length(1, 100) @IsString() action?: string;
  @ApiPropertyOptional() @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @Optional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

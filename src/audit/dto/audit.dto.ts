import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'evidence.downloaded' }) @IsOptional() @Length(1, 100) @IsString() action?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ description: 'Entries after this sequence number' }) @IsOptional() @Min(0) @IsInt() @Type(() => Number) after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @IsOptional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

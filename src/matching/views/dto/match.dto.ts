import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CursorQuery } from '../../../common/cursor-query.dto.js';
import { IDENTIFIER_TYPES } from '../../../standard/codes.js';
import { Optional } from '../../../common/optional.decorator.js';

export class SplitRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The case to separate' }) @IsUUID() caseId: string;
  @ApiPropertyOptional({ description: 'The `ref` of the identifier that links wrongly; without it, every strong identifier of the case stops linking' })
  @Optional() @Matches(/^[0-9a-f]{64}$/, { message: 'identifier must be the 64-hex-digit ref of an identifier' }) identifier?: string;
  @ApiPropertyOptional({ description: 'Why (kept in the audit log)' }) @Optional() @IsString() @Length(1, 500) reason?: string;
}

export class PartnerMatchesQuery extends CursorQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class MatchNoticeFeedQuery extends CursorQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @Optional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class IdentifierLookupQuery {
  @ApiProperty({ enum: IDENTIFIER_TYPES }) @IsIn(IDENTIFIER_TYPES) type: string;
  @ApiProperty({ description: 'As the caller gives it; normalised and hashed, never stored', example: '081-234-5678' }) @IsString() @Length(1, 500) value: string;
  @ApiPropertyOptional({ description: 'For bank_account: the bank, by code or name', example: 'กสิกรไทย' }) @Optional() @IsString() @Length(1, 60) bank?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsDefined, IsIn, IsISO8601, IsObject, IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../common/optional.decorator.js';
import { TAKEDOWN_ACTIONS, type TakedownAction } from '../../standard/codes.js';

/** Members of a request's `legalBasis` that a basis may require. */
export const LEGAL_BASIS_FIELDS = ['court', 'orderNumber', 'orderDate', 'issuingAuthority', 'reference'] as const;

/** A new version of a legal basis (the first version of a new code, or the next version of a known one). */
export class CreateLegalBasisVersionDto {
  @ApiProperty({ example: 'dps_decree', description: 'Lower-case code; a known code gets its next version' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/) @IsDefined({ message: '$property is required' }) code: string;
  @ApiProperty({ example: 'พ.ร.ฎ.การประกอบธุรกิจบริการแพลตฟอร์มดิจิทัลที่ต้องแจ้งให้ทราบ' }) @Length(1, 500) @IsString() @IsDefined({ message: '$property is required' }) titleTh: string;
  @ApiProperty({ example: 'Royal Decree on Digital Platform Services' }) @Length(1, 500) @IsString() @IsDefined({ message: '$property is required' }) titleEn: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsDefined({ message: '$property is required' }) effectiveFrom: string;
  @ApiPropertyOptional({ format: 'date', description: 'Omit while in force' }) @Optional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveTo?: string;
  @ApiProperty({ enum: LEGAL_BASIS_FIELDS, isArray: true, description: 'Members of `legalBasis` a request under this basis must give' })
  @IsIn(LEGAL_BASIS_FIELDS, { each: true }) @ArrayUnique() @ArrayMaxSize(LEGAL_BASIS_FIELDS.length) @IsDefined({ message: '$property is required' }) requiredFields: string[];
  @ApiProperty({ enum: TAKEDOWN_ACTIONS, isArray: true }) @IsIn(TAKEDOWN_ACTIONS, { each: true }) @ArrayUnique() @ArrayMinSize(1) @IsDefined({ message: '$property is required' }) allowedActions: TakedownAction[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', example: 'PT24H' }, description: 'The default deadline per allowed action, an ISO 8601 duration (PT24H, P3D)', example: { remove: 'PT24H' } })
  @IsObject() @IsDefined({ message: '$property is required' }) defaultDeadlines: Record<string, string>;
}

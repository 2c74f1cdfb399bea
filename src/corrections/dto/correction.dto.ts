import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Optional } from '../../common/optional.decorator.js';
import { UpdateComplaintDto } from '../../complaints/dto/complaint.dto.js';
import { CORRECTION_REASONS, RETRACTION_REASONS, type CorrectionReason, type RetractionReason } from '../../standard/codes.js';

export class CorrectComplaintDto extends UpdateComplaintDto {
  @ApiProperty({ enum: CORRECTION_REASONS, description: 'Why the complaint was wrong: the Correction says it to every agency that received a member that changes' })
  @IsIn(CORRECTION_REASONS)
  @IsDefined({ message: '$property is required' })
  reason: CorrectionReason;

  @ApiPropertyOptional({ description: "1212's words on the change, for the agencies (signed into the Correction: say what changed, not to whom it belongs)", example: 'ผู้ร้องแจ้งเลขบัญชีผู้ขายผิด' })
  @Optional() @Length(1, 2000) @IsString() note?: string;
}

export class RetractComplaintDto {
  @ApiProperty({ enum: RETRACTION_REASONS, description: 'Why 1212 withdraws the complaint' })
  @IsIn(RETRACTION_REASONS)
  @IsDefined({ message: '$property is required' })
  reason: RetractionReason;

  @ApiPropertyOptional({ description: 'With reason duplicate (required then): the reference code of the complaint this one repeats, which goes on', example: 'K7QX-M4TZ-8' })
  @ValidateIf((retraction: RetractComplaintDto) => retraction.reason === 'duplicate' || retraction.duplicateOf !== undefined)
  @Matches(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/, { message: 'duplicateOf must be a reference code such as K7QX-M4TZ-8 (required with reason duplicate)' })
  duplicateOf?: string;

  @ApiPropertyOptional({ description: "1212's words, for the agencies (signed into each Retraction)", example: 'ผู้ร้องขอถอนเรื่อง ได้รับเงินคืนแล้ว' })
  @Optional() @Length(1, 2000) @IsString() note?: string;
}

export class ListCorrectionsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: only those no agency has acknowledged yet (the staff work list)' })
  @Optional() @IsIn(['true', 'false']) unacknowledged?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: only those past their deadline and not acknowledged (being chased)' })
  @Optional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional() @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class PartnerCorrectionsQuery extends CursorQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @Optional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

import { CursorQuery } from '../../common/cursor-query.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UpdateComplaintDto } from '../../complaints/dto/complaint.dto.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsDefined, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { COMPLAINANT_FIELDS, REFERRAL_STATUSES, REQUESTED_ACTIONS, type ComplainantField, type ReferralStatus, type RequestedAction } from '../../standard/codes.js';
import { Optional } from '../../common/optional.decorator.js';

export class DispatchReferralsDto {
  @ApiProperty({ description: 'The agencies to refer to (one referral each)', example: ['ocpb', 'tcsd'] })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { each: true, message: 'each partner must be a partner id' })
  @ArrayUnique()
  @ArrayMaxSize(20)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  partners: string[];

  @ApiPropertyOptional({ enum: REQUESTED_ACTIONS, default: 'investigate' }) @Optional() @IsIn(REQUESTED_ACTIONS) requestedAction?: RequestedAction;
  @ApiPropertyOptional({ description: 'A note to the agencies', example: 'ผู้เสียหายต้องการเงินคืน' }) @Optional() @Length(1, 4000) @IsString() note?: string;
  @ApiPropertyOptional({ description: 'Default: now + the agency\'s resolve target', example: '2026-12-20T17:00:00+07:00' }) @Optional() @IsDateString({ strict: true }) dueAt?: string;
  @ApiPropertyOptional({
    enum: COMPLAINANT_FIELDS, isArray: true, example: ['phone'],
    description: "The complainant's fields the agencies of this dispatch receive, and every later version of their referrals (PDPA s.22: no more than they need). Default: the name and every way to reach the complainant. A platform never receives any. An empty list shares none.",
  })
  @Optional() @IsIn(COMPLAINANT_FIELDS, { each: true }) @ArrayUnique() @ArrayMaxSize(COMPLAINANT_FIELDS.length) @IsArray() complainantFields?: ComplainantField[];
}

export class AmendComplaintDto extends UpdateComplaintDto {
  @ApiProperty({ description: 'Why the complaint changes; the agencies see it in the referral history', example: 'ผู้ร้องส่งใบแจ้งความเพิ่มเติม' })
  @Length(1, 1000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  reason: string;
}

export class InformationAnswerDto {
  @ApiProperty({ description: 'The answer to the agency (add files to the complaint\'s evidence first: the new version lists them)', example: 'แนบสำเนาใบแจ้งความ สภ.เมืองเชียงใหม่ เลขที่ 123/2569 แล้ว' })
  @Length(1, 4000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  text: string;
}

export class ReferralPreviewQuery {
  @ApiProperty({ description: 'The agencies to preview, comma-separated (at most 20)', example: 'ocpb,tcsd' })
  @Matches(/^[a-z][a-z0-9-]{1,39}(,[a-z][a-z0-9-]{1,39}){0,19}$/, { message: 'partners must be 1 to 20 partner ids, comma-separated' })
  @IsDefined({ message: '$property is required' })
  partners: string;

  @ApiPropertyOptional({ description: "The complainant's fields the dispatch would share, comma-separated (as complainantFields of the dispatch); empty for none; absent for the default", example: 'name,phone' })
  @Optional() @Matches(/^((name|phone|email|lineId)(,(name|phone|email|lineId)){0,3})?$/, { message: 'complainantFields must be name, phone, email and lineId, comma-separated' })
  complainantFields?: string;
}

export class ListReferralsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: '`info_requested`: the questions from agencies, answered or not' }) @Optional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: "Only referrals whose agency waits for 1212's answer (`true`: in info_requested, its latest request not answered yet): the staff work list" })
  @Optional() @IsIn(['true', 'false']) awaitingAnswer?: 'true' | 'false';
  @ApiPropertyOptional() @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

/** A referral as stored, or as dispatch is about to store it (no transfer yet). */

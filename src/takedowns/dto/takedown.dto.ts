import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Optional } from '../../common/optional.decorator.js';
import { TAKEDOWN_ACTIONS, TAKEDOWN_STATUSES, TAKEDOWN_TARGET_KINDS, type TakedownAction, type TakedownStatus, type TakedownTargetKind } from '../../standard/codes.js';

const PARTNER_ID = /^[a-z][a-z0-9-]{1,39}$/;

export class TakedownTargetDto {
  @ApiProperty({ enum: TAKEDOWN_TARGET_KINDS }) @IsIn(TAKEDOWN_TARGET_KINDS) @IsDefined({ message: '$property is required' }) kind: TakedownTargetKind;
  @ApiPropertyOptional({ example: 'https://shopee.co.th/product/123456/7890123', description: 'The content; the platform is found by its domain' })
  @Optional() @Length(1, 2000) @IsString() url?: string;
  @ApiPropertyOptional({ example: 'shop:123456', description: "The platform's own id of the content (then `platform` is required)" }) @Optional() @Length(1, 200) @IsString() platformRef?: string;
  @ApiPropertyOptional({ example: 'shopee', description: 'The platform (a partner of kind platform); must be the one whose domain the URL is on' }) @Optional() @Matches(PARTNER_ID) platform?: string;
}

export class TakedownLegalBasisDto {
  @ApiProperty({ example: 'cca_s20_court_order', description: 'A code of GET /v1/legal-bases; the version in force is recorded' }) @Matches(/^[a-z][a-z0-9_]{1,39}$/) @IsDefined({ message: '$property is required' }) code: string;
  @ApiPropertyOptional({ example: 'ศาลอาญา' }) @Optional() @Length(1, 200) @IsString() court?: string;
  @ApiPropertyOptional({ example: 'คส.123/2569' }) @Optional() @Length(1, 100) @IsString() orderNumber?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-11-20' }) @Optional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) orderDate?: string;
  @ApiPropertyOptional({ example: 'สำนักงานคณะกรรมการอาหารและยา' }) @Optional() @Length(1, 200) @IsString() issuingAuthority?: string;
  @ApiPropertyOptional() @Optional() @Length(1, 500) @IsString() reference?: string;
}

/** Why the content must go (the DSA's statement of reasons). */
export class StatementOfReasonsDto {
  @ApiProperty({ example: 'illegal_health_product', description: 'The ground, a short code (a sub-category, say)' }) @Matches(/^[a-z][a-z0-9_]{1,63}$/) @IsDefined({ message: '$property is required' }) ground: string;
  @ApiProperty({ example: 'ผลิตภัณฑ์เสริมอาหารไม่มีเลขสารบบอาหาร อ้างสรรพคุณรักษาโรค' }) @Length(1, 4000) @IsString() @IsDefined({ message: '$property is required' }) explanation: string;
}

export class IssueTakedownsDto {
  @ApiProperty({ type: TakedownLegalBasisDto }) @ValidateNested() @Type(() => TakedownLegalBasisDto) @IsObject() @IsDefined({ message: '$property is required' }) legalBasis: TakedownLegalBasisDto;
  @ApiProperty({ enum: TAKEDOWN_ACTIONS }) @IsIn(TAKEDOWN_ACTIONS) @IsDefined({ message: '$property is required' }) requestedAction: TakedownAction;
  @ApiProperty({ type: [TakedownTargetDto], description: 'Grouped by platform: one signed request each' })
  @ValidateNested({ each: true }) @Type(() => TakedownTargetDto) @ArrayMaxSize(100) @ArrayMinSize(1) @IsArray() @IsDefined({ message: '$property is required' }) targets: TakedownTargetDto[];
  @ApiProperty({ type: StatementOfReasonsDto }) @ValidateNested() @Type(() => StatementOfReasonsDto) @IsObject() @IsDefined({ message: '$property is required' }) statementOfReasons: StatementOfReasonsDto;
  @ApiPropertyOptional({ example: 'พบการขายซ้ำหลังแจ้งครั้งก่อน' }) @Optional() @Length(1, 4000) @IsString() note?: string;
  @ApiPropertyOptional({ type: [String], description: "Evidence files of the complaint to list in the requests' manifests (default: all of them)" })
  @Optional() @IsUUID('all', { each: true }) @ArrayUnique() @ArrayMaxSize(50) @IsArray() evidence?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'An earlier takedown this one follows up (the content was uploaded again)' }) @Optional() @IsUUID('all') follows?: string;
}

export class FollowUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The complaint that found the content again (its evidence is listed)' }) @Optional() @IsUUID('all') complaintId?: string;
  @ApiPropertyOptional({ type: [String], example: ['t1'], description: 'Targets of the earlier request to ask again (default: those reported taken down)' })
  @Optional() @Matches(/^[A-Za-z0-9._-]{1,64}$/, { each: true }) @ArrayUnique() @ArrayMinSize(1) @ArrayMaxSize(100) @IsArray() targets?: string[];
  @ApiPropertyOptional() @Optional() @Length(1, 4000) @IsString() note?: string;
}

export class ListTakedownsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: TAKEDOWN_STATUSES }) @Optional() @IsIn(TAKEDOWN_STATUSES) status?: TakedownStatus;
  @ApiPropertyOptional({ description: 'Only requests past their deadline and not completed (`true`), the staff work list' }) @Optional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional() @Optional() @Matches(PARTNER_ID) platform?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class TakedownFeedQuery extends CursorQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class TakedownStatisticsQuery {
  @ApiProperty({ format: 'date-time', description: 'From (inclusive), by the time requests were issued' }) @IsISO8601({ strict: true }) @IsDefined({ message: '$property is required' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'To (exclusive)' }) @IsISO8601({ strict: true }) @IsDefined({ message: '$property is required' }) to: string;
}

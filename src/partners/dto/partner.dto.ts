import { Optional } from '../../common/optional.decorator.js';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, DELIVERY_MODES, PARTNER_KINDS, type Category, type DeliveryMode, type PartnerKind } from '../../standard/codes.js';
import { DATA_CLASSES, type DataClass } from '../../standard/data-classes.js';

export const PARTNER_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

export class ServiceLevelDto {
  @ApiProperty({ description: 'Acknowledge a referral within this many hours', minimum: 1, maximum: 720, example: 24 })
  @Max(720)
  @Min(1)
  @IsInt()
  @IsDefined({ message: '$property is required' })
  acknowledgeWithinHours: number;

  @ApiProperty({ description: 'Resolve, reject or transfer a referral within this many days', minimum: 1, maximum: 365, example: 30 })
  @Max(365)
  @Min(1)
  @IsInt()
  @IsDefined({ message: '$property is required' })
  resolveWithinDays: number;
}

export class CreatePartnerDto {
  @ApiProperty({ description: 'Stable id, lowercase (`ocpb`, `tcsd`, `shopee`)', pattern: PARTNER_ID_PATTERN.source, example: 'ocpb' })
  @Matches(PARTNER_ID_PATTERN, { message: 'id must be 2-40 characters: a lowercase letter, then lowercase letters, digits or hyphens' })
  @IsDefined({ message: '$property is required' })
  id: string;

  @ApiProperty({ description: 'Name in Thai', example: 'สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.)' })
  @MaxLength(200)
  @MinLength(2)
  @IsString()
  @IsDefined({ message: '$property is required' })
  nameTh: string;

  @ApiProperty({ description: 'Name in English', example: 'Office of the Consumer Protection Board (OCPB)' })
  @MaxLength(200)
  @MinLength(2)
  @IsString()
  @IsDefined({ message: '$property is required' })
  nameEn: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  @IsDefined({ message: '$property is required' })
  kind: PartnerKind;

  @ApiProperty({ description: 'Complaint categories the partner accepts', enum: CATEGORIES, isArray: true })
  @IsIn(CATEGORIES, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(CATEGORIES.length)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  categories: Category[];

  @ApiProperty({ enum: DELIVERY_MODES, description: '`push` to the endpoint, or `pull` from the partner feed' })
  @IsIn(DELIVERY_MODES)
  @IsDefined({ message: '$property is required' })
  deliveryMode: DeliveryMode;

  @ApiPropertyOptional({ type: String, format: 'uri', description: 'Where referrals are pushed (required for `push`)', example: 'https://cases.ocpb.go.th/ocx/referrals', nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'endpointUrl must be an absolute http(s) URL' })
  @MaxLength(2000)
  endpointUrl?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'For a platform: the registrable domains of its service, by which takedown targets are sent to it', example: ['shopee.co.th', 'shp.ee'] })
  @Optional()
  @Matches(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { each: true, message: 'each of platformDomains must be a lower-case domain name such as shopee.co.th' })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsArray()
  platformDomains?: string[];

  @ApiPropertyOptional({
    enum: DATA_CLASSES, isArray: true, example: ['financial', 'evidence'],
    description: "The data classes the partner's legal basis covers (schemas/README.md §2.1): the hub never sends it another, whatever a dispatcher chooses. Default: its kind's (every class for government and civil society, subject for a platform, financial for a bank).",
  })
  @Optional()
  @IsIn(DATA_CLASSES, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(DATA_CLASSES.length)
  @IsArray()
  dataClasses?: DataClass[];

  @ApiProperty({ type: ServiceLevelDto })
  @ValidateNested()
  @Type(() => ServiceLevelDto)
  @IsObject()
  @IsDefined({ message: '$property is required' })
  serviceLevel: ServiceLevelDto;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

// skipNullProperties: false — a `null` member is validated (and refused by its type), not taken as absent.
export class UpdatePartnerDto extends PartialType(OmitType(CreatePartnerDto, ['id'] as const), { skipNullProperties: false }) {}

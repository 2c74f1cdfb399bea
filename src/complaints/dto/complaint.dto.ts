import { Optional } from '../../common/optional.decorator.js';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { resolveBank } from '../../matching/identifiers/bank-account.js';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BANK_CODES, CATEGORIES, CHANNELS, IDENTIFIER_TYPES, SUB_CATEGORIES, type Category, type Channel, type IdentifierType, type SubCategory } from '../../standard/codes.js';
import { IsOcxDate, IsSubCategoryOf } from '../../standard/documents/document-validators.js';

const PAYMENT_METHODS = ['bank_transfer', 'promptpay', 'credit_card', 'cash_on_delivery', 'ewallet', 'other'] as const;
const ALL_SUB_CATEGORIES = Object.values(SUB_CATEGORIES).flat();

export class ComplainantDto {
  @ApiProperty({ example: 'สมหญิง ใจงาม' })
  @Length(1, 200)
  @IsString()
  @IsDefined({ message: '$property is required' })
  name: string;

  @ApiPropertyOptional({ example: '081-234-5678' })
  @Optional()
  @Length(1, 40)
  @IsString()
  phone?: string;

  @ApiPropertyOptional({ example: 'somying@example.com' })
  @Optional()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'somying.j' })
  @Optional()
  @Length(1, 100)
  @IsString()
  lineId?: string;

  @ApiPropertyOptional({ description: '13 digits with a valid mod-11 check digit; dashes and spaces are ignored. Stored encrypted.', example: '1-1017-00230-70-8' })
  @Optional()
  @Length(13, 20)
  @IsString()
  nationalId?: string;
}

export class MoneyInputDto {
  @ApiProperty({ description: 'Satang (1/100 baht)', example: 159000 })
  @Max(1_000_000_000_000)
  @Min(0)
  @IsInt()
  amountSatang: number;
}

export class TransactionDto {
  @ApiPropertyOptional({ example: '2026-11-10' }) @Optional() @IsOcxDate() orderDate?: string;
  @ApiPropertyOptional({ example: 'หม้อทอดไร้น้ำมัน 5 ลิตร' }) @Optional() @Length(1, 500) @IsString() product?: string;
  @ApiPropertyOptional({ example: 1 }) @Optional() @Max(1_000_000) @Min(1) @IsInt() quantity?: number;
  @ApiPropertyOptional({ type: MoneyInputDto }) @Optional() @ValidateNested() @Type(() => MoneyInputDto) @IsObject() price?: MoneyInputDto;
  @ApiPropertyOptional({ example: '2026-11-14' }) @Optional() @IsOcxDate() promisedDeliveryDate?: string;
  @ApiPropertyOptional({ description: 'Seller or shop, as the complainant names it', example: 'ร้าน Happy Kitchen' }) @Optional() @Length(1, 500) @IsString() seller?: string;
  @ApiPropertyOptional({ enum: PAYMENT_METHODS }) @Optional() @IsIn(PAYMENT_METHODS) paymentMethod?: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ type: MoneyInputDto }) @Optional() @ValidateNested() @Type(() => MoneyInputDto) @IsObject() amountLost?: MoneyInputDto;
}

export class SubjectDto {
  @ApiProperty({ enum: IDENTIFIER_TYPES }) @IsIn(IDENTIFIER_TYPES) type: IdentifierType;
  @ApiProperty({ description: 'As the complainant wrote it', example: '081-234-5679' }) @Length(1, 500) @IsString() value: string;
  @ApiPropertyOptional({ type: String, example: 'กสิกรไทย', description: `Required for bank_account: the three-digit code (${BANK_CODES.join(', ')}) or a name people use (KBANK, Kasikorn, กสิกรไทย, ธ.ก.ส., ออมสิน, …); stored and sent to partners as the code` })
  // Forgiving at intake, strict at the partner's edge: a name the hub knows becomes its code here.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (resolveBank(value)?.code ?? value) : value))
  @ValidateIf((subject: SubjectDto) => subject.type === 'bank_account' || subject.bank !== undefined)
  @IsIn(BANK_CODES, { message: 'bank must be a Thai bank: its 3-digit code (004 KBANK, 014 SCB, …) or a name such as กสิกรไทย' })
  bank?: string;
  @ApiPropertyOptional() @Optional() @Length(1, 500) @IsString() note?: string;
}

export class CreateComplaintDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) @IsDefined({ message: '$property is required' }) channel: Channel;

  @ApiProperty({ type: ComplainantDto })
  @ValidateNested()
  @Type(() => ComplainantDto)
  @IsObject()
  @IsDefined({ message: '$property is required' })
  complainant: ComplainantDto;

  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) @IsDefined({ message: '$property is required' }) category: Category;

  @ApiProperty({ enum: ALL_SUB_CATEGORIES, description: 'Must belong to the category' })
  @IsSubCategoryOf('category')
  @IsDefined({ message: '$property is required' })
  subCategory: SubCategory;

  @ApiProperty({ description: 'What happened, in the complainant\'s words (Thai)', example: 'สั่งซื้อหม้อทอดผ่านเพจ โอนเงินแล้วไม่ได้รับสินค้า' })
  @Length(1, 20000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  narrative: string;

  @ApiPropertyOptional({ example: '2026-11-10' }) @Optional() @IsOcxDate() incidentDate?: string;

  @ApiPropertyOptional({ type: TransactionDto }) @Optional() @ValidateNested() @Type(() => TransactionDto) @IsObject() transaction?: TransactionDto;

  @ApiPropertyOptional({ type: [SubjectDto] })
  @Optional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubjectDto)
  @IsArray()
  subjects?: SubjectDto[];

  @ApiPropertyOptional({ description: 'When the complaint came in, if not now (RFC 3339)', example: '2026-11-19T14:02:00+07:00' })
  @Optional()
  @IsDateString({ strict: true })
  receivedAt?: string;
}

// skipNullProperties: false — a `null` member is validated (and refused by its type), not taken as absent.
export class UpdateComplaintDto extends PartialType(CreateComplaintDto, { skipNullProperties: false }) {}

export class ListComplaintsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: ['new', 'dispatched', 'withdrawn'] }) @Optional() @IsIn(['new', 'dispatched', 'withdrawn']) status?: 'new' | 'dispatched' | 'withdrawn';
  @ApiPropertyOptional({ enum: CATEGORIES }) @Optional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: CHANNELS }) @Optional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ description: 'Received at or after (RFC 3339)' }) @Optional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Received before (RFC 3339)' }) @Optional() @IsDateString({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Only complaints referred to this partner' }) @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ description: 'Words to find in the narrative, product or seller; Thai needs no spaces' }) @Optional() @Length(1, 200) @IsString() q?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @Optional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

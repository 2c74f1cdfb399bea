import { ArrayMaxSize, Equals, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CATEGORIES, CHANNELS, REQUESTED_ACTIONS, type Category, type Channel, type RequestedAction, type SubCategory } from '../codes.js';
import { IsOcxDate, IsOcxDateTime, IsSubCategoryOf, PATTERNS } from './document-validators.js';
import { Disclosure, EvidenceItem, Identifier, Money, nested, nestedEach, OcxDocument, Party } from './shared.document.js';

const PAYMENT_METHODS = ['bank_transfer', 'promptpay', 'credit_card', 'cash_on_delivery', 'ewallet', 'other'] as const;

export class Transaction {
  @IsOptional() @IsOcxDate() orderDate?: string;
  @IsOptional() @IsString() @Length(1, 500) product?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) quantity?: number;
  @IsOptional() @nested(() => Money) price?: Money;
  @IsOptional() @IsOcxDate() promisedDeliveryDate?: string;
  @IsOptional() @IsString() @Length(1, 500) seller?: string;
  @IsOptional() @IsIn(PAYMENT_METHODS) paymentMethod?: (typeof PAYMENT_METHODS)[number];
  @IsOptional() @nested(() => Money) amountLost?: Money;
}

export class ComplaintSnapshot {
  @IsOcxDateTime() receivedAt: string;
  @IsIn(CHANNELS) channel: Channel;
  @IsIn(CATEGORIES) category: Category;
  @IsSubCategoryOf('category') subCategory: SubCategory;
  @IsString() @Length(1, 20000) narrative: string;
  @IsOptional() @IsOcxDate() incidentDate?: string;
  @nested(() => Party) complainant: Party;
  @IsOptional() @nested(() => Transaction) transaction?: Transaction;
  @nestedEach(() => Identifier) @ArrayMaxSize(100) subjects: Identifier[];
}

export class RequestedActionRecord {
  @IsIn(REQUESTED_ACTIONS) code: RequestedAction;
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
}

/** OCX v1 Referral (referral.schema.json). */
export class ReferralDocument extends OcxDocument {
  @Equals('ocx.referral') declare type: 'ocx.referral';
  @Matches(PATTERNS.uuid) referralId: string;
  @IsInt() @Min(1) @Max(1000) version: number;
  /** New in 1.1 (§4.7): its number in the referral's stream of documents. */
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) sequence?: number;
  @ValidateIf((referral: ReferralDocument) => referral.version >= 2 || referral.previousDocumentId !== undefined)
  @Matches(PATTERNS.uuid)
  previousDocumentId?: string;
  @Matches(PATTERNS.partnerId) recipient: string;
  @Matches(PATTERNS.referenceCode) referenceCode: string;
  @nested(() => ComplaintSnapshot) complaint: ComplaintSnapshot;
  @nestedEach(() => EvidenceItem) @ArrayMaxSize(500) evidence: EvidenceItem[];
  @nested(() => RequestedActionRecord) requestedAction: RequestedActionRecord;
  @IsOcxDateTime() dueAt: string;
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
  @nested(() => Disclosure) disclosure: Disclosure;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BANK_CODES, DISCLOSURE_BASES, EVIDENCE_KINDS, IDENTIFIER_TYPES, MATCH_KINDS, type DisclosureBasis, type EvidenceKind, type IdentifierType, type LegalBasis, type MatchKind } from '../codes.js';
import { HasNamespacedKeys, IsOcxDate, IsOcxDateTime, PATTERNS } from './document-validators.js';
import { DATA_CLASSES, type DataClass } from '../data-classes.js';

/** The envelope every OCX v1 document has (defs.schema.json and each schema's top level). */
export abstract class OcxDocument {
  @IsString() type: string;
  @Matches(PATTERNS.ocxVersion) ocxVersion: string;
  @Matches(PATTERNS.uuid) id: string;
  @IsOcxDateTime() issuedAt: string;
  @IsOptional() @IsObject() @HasNamespacedKeys() extensions?: Record<string, unknown>;
}

export class Money {
  @IsInt() @Min(0) @Max(1_000_000_000_000) amountSatang: number;
  @Equals('THB') currency: 'THB';
}

export class NormalisedIdentifier {
  @IsIn(MATCH_KINDS) kind: MatchKind;
  @IsString() @Length(1, 1000) value: string;
}

export class Identifier {
  @IsIn(IDENTIFIER_TYPES) type: IdentifierType;
  @IsString() @Length(1, 500) value: string;
  @IsOptional() @nested(() => NormalisedIdentifier) normalised?: NormalisedIdentifier;
  @ValidateIf((identifier: Identifier) => identifier.type === 'bank_account' || identifier.bank !== undefined)
  @IsIn(BANK_CODES)
  bank?: string;
  @IsOptional() @IsString() @Length(1, 500) note?: string;
}

export class Party {
  @IsString() @Length(1, 200) name: string;
  @IsOptional() @IsString() @Length(1, 40) phone?: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @Matches(/^[0-9]{13}$/) nationalId?: string;
  @IsOptional() @IsString() @Length(1, 100) lineId?: string;
  @IsOptional() @IsString() @Length(1, 1000) address?: string;
}

export class EvidenceItem {
  @Matches(PATTERNS.uuid) id: string;
  @IsIn(EVIDENCE_KINDS) kind: EvidenceKind;
  @Matches(PATTERNS.sha256) sha256: string;
  @IsInt() @Min(0) @Max(5_368_709_120) size: number;
  @Matches(PATTERNS.mediaType) mediaType: string;
  @IsString() @Length(1, 255) filename: string;
  @IsOptional() @IsString() @Length(1, 1000) description?: string;
}

export class LegalBasisRecord {
  /** Since 1.1 a code of the hub's versioned reference data; LEGAL_BASES are those 1.0 knew. */
  @Matches(/^[a-z][a-z0-9_]{1,39}$/) code: LegalBasis | (string & {});
  @IsOptional() @IsInt() @Min(1) version?: number;
  @ValidateIf((basis: LegalBasisRecord) => basis.code === 'cca_s20_court_order' || basis.court !== undefined) @IsString() @Length(1, 200) court?: string;
  @ValidateIf((basis: LegalBasisRecord) => basis.code === 'cca_s20_court_order' || basis.orderNumber !== undefined) @IsString() @Length(1, 100) orderNumber?: string;
  @ValidateIf((basis: LegalBasisRecord) => basis.code === 'cca_s20_court_order' || basis.orderDate !== undefined) @IsOcxDate() orderDate?: string;
  @IsOptional() @IsString() @Length(1, 200) issuingAuthority?: string;
  @IsOptional() @IsString() @Length(1, 500) reference?: string;
}

export class Disclosure {
  @IsIn(DISCLOSURE_BASES) basis: DisclosureBasis;
  @IsString() @Length(1, 500) purpose: string;
  /** New in 1.1 (§2.1): the data classes the document carries. */
  @IsOptional() @IsIn(DATA_CLASSES, { each: true }) @ArrayUnique() @ArrayMaxSize(DATA_CLASSES.length) @IsArray() dataClasses?: DataClass[];
  @IsArray() @ArrayUnique() @ArrayMaxSize(50) @Matches(PATTERNS.fieldPath, { each: true }) fieldsShared: string[];
  @IsOcxDate() retainUntil: string;
}

/** Nested-object helper: validate as `type`, and require an object. */
export function nested(type: () => new () => object): PropertyDecorator {
  return (target, property) => {
    ValidateNested()(target, property);
    Type(type)(target, property);
    IsObject()(target, property);
  };
}

/** Nested-array helper: every element validated as `type`. */
export function nestedEach(type: () => new () => object): PropertyDecorator {
  return (target, property) => {
    ValidateNested({ each: true })(target, property);
    Type(type)(target, property);
    IsArray()(target, property);
  };
}

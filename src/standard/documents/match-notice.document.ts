import { ArrayMaxSize, ArrayMinSize, Equals, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IDENTIFIER_TYPES, type IdentifierType } from '../codes.js';
import { IsOcxDateTime, PATTERNS } from './document-validators.js';
import { nested, nestedEach, OcxDocument } from './shared.document.js';

const STRONG_IDENTIFIER_TYPES = IDENTIFIER_TYPES.filter((type) => type !== 'shop_name' && type !== 'person_name');

export class CaseReference {
  // One of the two at least.
  @ValidateIf((reference: CaseReference) => reference.partnerCaseNumber === undefined || reference.referralId !== undefined)
  @Matches(PATTERNS.uuid)
  referralId?: string;
  @ValidateIf((reference: CaseReference) => reference.referralId === undefined || reference.partnerCaseNumber !== undefined)
  @IsString()
  @Length(1, 100)
  partnerCaseNumber?: string;
}

export class MatchRecord {
  @Matches(/^([a-z][a-z0-9-]{1,39}|1212)$/) partnerId: string;
  @IsIn(STRONG_IDENTIFIER_TYPES) identifierType: IdentifierType;
  @IsString() @Length(1, 200) maskedValue: string;
  @IsOcxDateTime() linkedAt: string;
}

/** OCX v1 MatchNotice (match-notice.schema.json). */
export class MatchNoticeDocument extends OcxDocument {
  @Equals('ocx.match-notice') declare type: 'ocx.match-notice';
  @Matches(PATTERNS.partnerId) recipient: string;
  /** New in 1.1 (§4.7): its number in the referral's stream, when it is about a referral. */
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) sequence?: number;
  @Matches(PATTERNS.uuid) clusterId: string;
  @nested(() => CaseReference) yourCase: CaseReference;
  @nestedEach(() => MatchRecord) @ArrayMinSize(1) @ArrayMaxSize(200) matches: MatchRecord[];
}

import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TAKEDOWN_ACTIONS, TAKEDOWN_OUTCOMES, TAKEDOWN_REFUSAL_REASONS, TAKEDOWN_TARGET_KINDS, type TakedownAction, type TakedownOutcome, type TakedownRefusalReason, type TakedownTargetKind } from '../codes.js';
import { IsOcxDateTime, PATTERNS } from './document-validators.js';
import { EvidenceItem, LegalBasisRecord, nested, nestedEach, OcxDocument } from './shared.document.js';

export class TakedownTarget {
  @Matches(PATTERNS.targetId) targetId: string;
  @IsIn(TAKEDOWN_TARGET_KINDS) kind: TakedownTargetKind;
  // At least one of url and platformRef.
  @ValidateIf((target: TakedownTarget) => target.platformRef === undefined || target.url !== undefined)
  @IsUrl({ require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url?: string;
  @ValidateIf((target: TakedownTarget) => target.url === undefined || target.platformRef !== undefined)
  @IsString()
  @Length(1, 200)
  platformRef?: string;
}

/** Why the content must go (1.1). */
export class StatementOfReasons {
  @Matches(/^[a-z][a-z0-9_]{1,63}$/) ground: string;
  @IsString() @Length(1, 4000) explanation: string;
}

/** OCX v1 TakedownRequest (takedown-request.schema.json). */
export class TakedownRequestDocument extends OcxDocument {
  @Equals('ocx.takedown-request') declare type: 'ocx.takedown-request';
  @Matches(PATTERNS.uuid) takedownId: string;
  @Matches(PATTERNS.partnerId) platform: string;
  @IsOptional() @Matches(PATTERNS.referenceCode) referenceCode?: string;
  @nested(() => LegalBasisRecord) legalBasis: LegalBasisRecord;
  @IsIn(TAKEDOWN_ACTIONS) requestedAction: TakedownAction;
  @nestedEach(() => TakedownTarget) @ArrayMinSize(1) @ArrayMaxSize(100) targets: TakedownTarget[];
  @IsOcxDateTime() deadline: string;
  @IsOptional() @nestedEach(() => EvidenceItem) @ArrayMaxSize(500) evidence?: EvidenceItem[];
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
  @IsOptional() @nested(() => StatementOfReasons) statementOfReasons?: StatementOfReasons;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @Matches(/^[A-Z]{2}$/, { each: true }) territorialScope?: string[];
  @IsOptional() @Matches(PATTERNS.uuid) follows?: string;

  /** Identity disclosure is asked only under a court order (Computer Crime Act s.20). */
  @ValidateIf((request: TakedownRequestDocument) => request.requestedAction === 'disclose_identity')
  @Equals('cca_s20_court_order', { message: 'disclose_identity needs legalBasis.code cca_s20_court_order' })
  get disclosureBasis(): string | undefined {
    return this.legalBasis?.code;
  }
}

export class TakedownOutcomeRecord {
  @Matches(PATTERNS.targetId) targetId: string;
  @IsIn(TAKEDOWN_OUTCOMES) outcome: TakedownOutcome;
  @ValidateIf((record: TakedownOutcomeRecord) => ACTED.includes(record.outcome) || record.actedAt !== undefined)
  @IsOcxDateTime()
  actedAt?: string;
  @ValidateIf((record: TakedownOutcomeRecord) => record.outcome === 'refused' || record.reason !== undefined)
  @IsString()
  @Length(1, 2000)
  reason?: string;
  @IsOptional() @IsIn(TAKEDOWN_REFUSAL_REASONS) reasonCode?: TakedownRefusalReason;
  @IsOptional() @IsString() @Length(1, 200) platformRef?: string;
}

/** Outcomes that say the platform acted, and when. */
const ACTED: readonly TakedownOutcome[] = ['removed', 'restricted', 'restricted_in_th', 'account_suspended'];

/** OCX v1 TakedownResponse (takedown-response.schema.json). */
export class TakedownResponseDocument extends OcxDocument {
  @Equals('ocx.takedown-response') declare type: 'ocx.takedown-response';
  @Matches(PATTERNS.uuid) takedownId: string;
  @Matches(PATTERNS.partnerId) platform: string;
  @nestedEach(() => TakedownOutcomeRecord) @ArrayMinSize(1) @ArrayMaxSize(100) outcomes: TakedownOutcomeRecord[];
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
}

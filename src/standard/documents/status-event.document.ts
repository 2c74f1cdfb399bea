import { ArrayMaxSize, ArrayMinSize, Equals, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { INFORMATION_KINDS, PARTNER_STATUSES, REFERRAL_REASON_CODES, RESOLUTION_OUTCOMES, type InformationKind, type PartnerStatus, type ReferralReasonCode, type ResolutionOutcome } from '../codes.js';
import { PATTERNS } from './document-validators.js';
import { Money, nested, nestedEach, OcxDocument } from './shared.document.js';

export class InformationRequest {
  @IsIn(INFORMATION_KINDS) kind: InformationKind;
  @IsString() @Length(1, 2000) description: string;
}

export class Resolution {
  @IsString() @Length(1, 4000) summary: string;
  @IsOptional() @IsIn(RESOLUTION_OUTCOMES) outcome?: ResolutionOutcome;
  @IsOptional() @nested(() => Money) amountRecovered?: Money;
}

/** OCX v1 StatusEvent (status-event.schema.json). */
export class StatusEventDocument extends OcxDocument {
  @Equals('ocx.status-event') declare type: 'ocx.status-event';
  @Matches(PATTERNS.uuid) referralId: string;
  @Matches(PATTERNS.partnerId) partnerId: string;
  /** New in 1.1 (§4.7): the partner's own numbering of its events about the referral; the hub applies them in order. */
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) sequence?: number;
  @IsIn(PARTNER_STATUSES) status: PartnerStatus;
  @IsOptional() @IsString() @Length(1, 4000) note?: string;
  @IsOptional() @IsString() @Length(1, 100) partnerCaseNumber?: string;

  @ValidateIf((event: StatusEventDocument) => event.status === 'info_requested' || event.requestedInformation !== undefined)
  @nestedEach(() => InformationRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  requestedInformation?: InformationRequest[];

  @ValidateIf((event: StatusEventDocument) => event.status === 'transferred' || event.transferTo !== undefined)
  @Matches(PATTERNS.partnerId)
  transferTo?: string;

  @ValidateIf((event: StatusEventDocument) => event.status === 'rejected' || event.reason !== undefined)
  @IsString()
  @Length(1, 2000)
  reason?: string;

  @IsOptional() @IsIn(REFERRAL_REASON_CODES) reasonCode?: ReferralReasonCode;

  @ValidateIf((event: StatusEventDocument) => event.status === 'resolved' || event.resolution !== undefined)
  @nested(() => Resolution)
  resolution?: Resolution;
}

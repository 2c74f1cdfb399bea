import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  ACKNOWLEDGEMENT_OUTCOMES, CORRECTION_REASONS, RETRACTION_REASONS, type AcknowledgementOutcome, type CorrectionReason, type RetractionReason,
} from '../codes.js';
import { IsOcxDateTime, PATTERNS } from './document-validators.js';
import { OcxDocument } from './shared.document.js';

/** What a Correction and a Retraction share: the referral, its recipient, its number in the referral's stream, the deadline to acknowledge. */
abstract class HubNoticeOfChange extends OcxDocument {
  @Matches(PATTERNS.uuid) referralId: string;
  @Matches(PATTERNS.partnerId) recipient: string;
  @Matches(PATTERNS.referenceCode) referenceCode: string;
  @IsInt() @Min(1) @Max(1_000_000) sequence: number;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
  @IsOcxDateTime() acknowledgeBy: string;
}

/** OCX 1.1 Correction (correction.schema.json): the earlier versions named were wrong; the new version replaces them. */
export class CorrectionDocument extends HubNoticeOfChange {
  @Equals('ocx.correction') declare type: 'ocx.correction';
  @IsIn(CORRECTION_REASONS) reason: CorrectionReason;
  @Matches(PATTERNS.uuid, { each: true }) @ArrayUnique() @ArrayMinSize(1) @ArrayMaxSize(1000) corrects: string[];
  @Matches(PATTERNS.uuid) replacedBy: string;
  @Matches(PATTERNS.fieldPath, { each: true }) @ArrayUnique() @ArrayMinSize(1) @ArrayMaxSize(50) changed: string[];
}

/** OCX 1.1 Retraction (retraction.schema.json): 1212 withdrew the complaint; stop, and erase what it sent. */
export class RetractionDocument extends HubNoticeOfChange {
  @Equals('ocx.retraction') declare type: 'ocx.retraction';
  @IsIn(RETRACTION_REASONS) reason: RetractionReason;
  @ValidateIf((retraction: RetractionDocument) => retraction.reason === 'duplicate' || retraction.duplicateOf !== undefined)
  @Matches(PATTERNS.referenceCode)
  duplicateOf?: string;
}

/** OCX 1.1 Acknowledgement (acknowledgement.schema.json): a partner's signed answer to one Correction or Retraction. */
export class AcknowledgementDocument extends OcxDocument {
  @Equals('ocx.acknowledgement') declare type: 'ocx.acknowledgement';
  @Matches(PATTERNS.uuid) referralId: string;
  @Matches(PATTERNS.partnerId) partnerId: string;
  @Matches(PATTERNS.uuid) acknowledges: string;
  @IsIn(ACKNOWLEDGEMENT_OUTCOMES) outcome: AcknowledgementOutcome;
  @ValidateIf((acknowledgement: AcknowledgementDocument) => acknowledgement.outcome === 'retained' || acknowledgement.retentionBasis !== undefined)
  @IsString() @Length(1, 500)
  retentionBasis?: string;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

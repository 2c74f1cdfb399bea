import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AgencyReferralView } from './referral.view.js';

export class FeedEntryView {
  @ApiProperty({ type: AgencyReferralView }) referral: AgencyReferralView;
  @ApiProperty({ format: 'uuid', description: 'Id of the latest signed Referral document' }) documentId: string;
}

export class FeedView {
  @ApiProperty({ type: [FeedEntryView] }) referrals: FeedEntryView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` to continue; null when you are up to date' }) nextCursor: string | null;
}

export class PartnerReferralView {
  @ApiProperty({ type: AgencyReferralView }) referral: AgencyReferralView;
  @ApiProperty({ allOf: [{ $ref: '#/components/schemas/OcxReferral' }], description: 'The latest Referral document (payload of the JWS)' }) document: Record<string, unknown>;
  @ApiProperty({ description: 'The same document as the hub signed it' }) jws: string;
}

export class StreamDocumentView {
  @ApiProperty({ description: "Its number in the referral's stream (§4.7)", example: 2 }) sequence: number;
  @ApiProperty({ enum: ['ocx.referral', 'ocx.match-notice'], description: 'The document type (the `type` member of the payload)' }) type: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'The compact JWS exactly as signed: verify it as if it had been pushed' }) jws: string;
}

export class ReferralDocumentsView {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ description: 'The number of the latest document the hub has issued about this referral', example: 3 }) lastSequence: number;
  @ApiProperty({ type: [StreamDocumentView], description: 'The documents numbered after `after`, in order' }) documents: StreamDocumentView[];
}

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

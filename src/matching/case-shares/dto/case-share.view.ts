import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVALID_REASONS } from '../../identifiers/index.js';

export class UnusableIdentifierView {
  @ApiProperty({ description: 'Position in subjects' }) index: number;
  @ApiProperty() type: string;
  @ApiProperty({ enum: INVALID_REASONS }) reason: string;
  @ApiProperty() message: string;
}

export class CaseShareReceiptView {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'Your own case number, as you sent it' }) partnerCaseNumber: string;
  @ApiProperty({ description: 'How many identifiers the case carried' }) subjects: number;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ description: 'True when this exact JWS had been received before' }) replay: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: "The 1212 referral this case restates: the one it named, or your referral whose case number (from your StatusEvents) is this one's" }) referralId?: string | null;
  @ApiPropertyOptional({ description: 'Identifiers indexed for cross-agency matching (absent for a replay)' }) indexed?: number;
  @ApiPropertyOptional({ type: [UnusableIdentifierView], description: 'Identifiers that identify nobody, and why (absent for a replay)' }) unusable?: UnusableIdentifierView[];
}

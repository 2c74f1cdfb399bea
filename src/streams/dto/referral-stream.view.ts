import { ApiProperty } from '@nestjs/swagger';

export class StreamDocumentView {
  @ApiProperty({ description: "Its number in the referral's stream (§4.7)", example: 2 }) sequence: number;
  @ApiProperty({ enum: ['ocx.referral', 'ocx.match-notice', 'ocx.correction', 'ocx.retraction'], description: 'The document type (the `type` member of the payload)' }) type: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'The compact JWS exactly as signed: verify it as if it had been pushed' }) jws: string;
}

export class ReferralDocumentsView {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ description: 'The number of the latest document the hub has issued about this referral', example: 3 }) lastSequence: number;
  @ApiProperty({ type: [StreamDocumentView], description: 'The documents numbered after `after`, in order' }) documents: StreamDocumentView[];
}

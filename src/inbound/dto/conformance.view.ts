import { ApiProperty } from '@nestjs/swagger';

export class ConformanceReceiptView {
  @ApiProperty({ description: 'The id member of the document' }) documentId: string;
  @ApiProperty({ example: 'ocx.status-event' }) documentType: string;
  @ApiProperty({ description: 'The key that verified the signature' }) kid: string;
  @ApiProperty({ format: 'date-time', description: 'When the hub first received this document' }) receivedAt: string;
  @ApiProperty({ description: 'True when this exact JWS had been received before (answered 200, nothing stored)' }) replay: boolean;
}

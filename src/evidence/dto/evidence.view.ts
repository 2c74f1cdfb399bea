import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../standard/codes.js';
import type { EvidenceItem } from '../evidence-item.entity.js';

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty() filename: string;
  @ApiProperty({ description: 'Sniffed from the bytes', example: 'image/jpeg' }) mediaType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, lowercase hex' }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EvidenceListView {
  @ApiProperty({ type: [EvidenceView] }) evidence: EvidenceView[];
}

export function toEvidenceView(item: EvidenceItem): EvidenceView {
  return {
    id: item.id,
    complaintId: item.complaintId,
    kind: item.kind,
    filename: item.filename,
    mediaType: item.mediaType,
    size: item.size,
    sha256: item.sha256,
    uploadedBy: item.uploadedBy,
    createdAt: item.createdAt.toISOString(),
  };
}

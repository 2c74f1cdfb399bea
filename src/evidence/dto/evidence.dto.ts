import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, Length, Matches } from 'class-validator';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../standard/codes.js';
import type { EvidenceItem } from '../evidence-item.entity.js';

export class UploadEvidenceQuery {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  @IsDefined({ message: '$property is required' })
  kind: EvidenceKind;

  @ApiProperty({ description: 'The file name as the complainant sent it', example: 'สลิปโอนเงิน.jpg' })
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: 'filename must not contain slashes or control characters' })
  @Length(1, 255)
  @IsString()
  @IsDefined({ message: '$property is required' })
  filename: string;
}

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

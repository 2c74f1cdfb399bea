import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, Length, Matches } from 'class-validator';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../standard/codes.js';

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

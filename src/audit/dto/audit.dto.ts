import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Optional } from '../../common/optional.decorator.js';

export class AuditQuery extends CursorQuery {
  @ApiPropertyOptional({ example: 'evidence.downloaded' }) @Optional() @Length(1, 100) @IsString() action?: string;
  @ApiPropertyOptional() @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ example: 'referral' }) @Optional() @Matches(/^[a-z][a-z_]{1,39}$/) subjectType?: string;
  @ApiPropertyOptional() @Optional() @Length(1, 100) @IsString() subjectId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' }) @Optional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' }) @Optional() @IsDateString({ strict: true }) to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 }) @Optional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class CheckpointQuery extends CursorQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @Optional() @Max(1000) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class InclusionQuery {
  @ApiPropertyOptional({ description: 'The entry\'s leaf index' }) @Optional() @Max(Number.MAX_SAFE_INTEGER) @Min(0) @IsInt() @Type(() => Number) index?: number;
  @ApiPropertyOptional({ description: 'Or the SHA-256 (hex) of a document exchanged: the referral JWS you received, the status event you sent' }) @Optional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'documentSha256 must be 64 hexadecimal digits' }) documentSha256?: string;
  @ApiPropertyOptional({ description: 'The checkpoint to prove against (its tree size); the latest by default' }) @Optional() @Max(Number.MAX_SAFE_INTEGER) @Min(1) @IsInt() @Type(() => Number) treeSize?: number;
}

export class ConsistencyQuery {
  @ApiProperty() @Max(Number.MAX_SAFE_INTEGER) @Min(0) @IsInt() @Type(() => Number) first: number;
  @ApiProperty() @Max(Number.MAX_SAFE_INTEGER) @Min(0) @IsInt() @Type(() => Number) second: number;
}

export class RegisterWitnessDto {
  @ApiProperty({ description: 'The witness\'s verifier key: `<name>+<key ID hex>+<base64(type ‖ key)>`, Ed25519 (type 0x01) or ECDSA P-256 (type 0x02)', example: 'witness.example.org+3ba1a4ef+AQ…' })
  @IsString() @Length(10, 1000) verifierKey: string;
}

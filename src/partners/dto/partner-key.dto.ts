import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsObject, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../common/optional.decorator.js';

export class RegisterPartnerKeyDto {
  @ApiProperty({
    description: 'The public key as a JWK (RFC 7517): EC, P-256, no private members. `kid` defaults to the RFC 7638 thumbprint.',
    example: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  jwk: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'After this time the key no longer verifies (RFC 3339)', example: '2027-12-31T23:59:59+07:00' })
  @Optional()
  @IsDateString({ strict: true }, { message: 'expiresAt must be an RFC 3339 date-time' })
  expiresAt?: string;
}

export class RevokePartnerKeyDto {
  @ApiPropertyOptional({ description: 'Why the key is revoked (kept in the registry)', example: 'key rotated by OCPB IT' })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toPublicJwk, type HubKeyRecord, type PublicHubJwk } from '../../signing/hub-key-store.service.js';

export class JwksView {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Public JWKs (EC P-256, ES256); the active key first' })
  keys: PublicHubJwk[];

  @ApiProperty({
    type: [String],
    description: 'The same keys as the audit log\'s checkpoints name them: C2SP verifier keys (`<origin>+<key ID>+<base64(0x02 ‖ DER SPKI)>`), in the order of `keys` (an extra JWK Set member, RFC 7517 §5: ignore it if you do not need it)',
  })
  checkpointKeys: string[];
}

export class HubSigningKeyView {
  @ApiProperty({ description: 'RFC 7638 thumbprint' }) kid: string;
  @ApiProperty({ enum: ['active', 'retired'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) jwk: PublicHubJwk;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Retired keys verify until then' }) verifyUntil: string | null;
}

export class HubSigningKeyListView {
  @ApiProperty({ type: [HubSigningKeyView] }) keys: HubSigningKeyView[];
}

export function toHubSigningKeyView(key: HubKeyRecord): HubSigningKeyView {
  return {
    kid: key.kid,
    status: key.status,
    jwk: toPublicJwk(key.kid, key.publicJwk),
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt?.toISOString() ?? null,
    verifyUntil: key.verifyUntil?.toISOString() ?? null,
  };
}

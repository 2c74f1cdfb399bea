import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import type { Principal } from '../auth/roles.js';
import type { HubSigningKey } from './hub-signing-key.entity.js';
import { HubKeyStore, toPublicJwk, type PublicHubJwk } from './hub-key-store.service.js';

class JwksView {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Public JWKs (EC P-256, ES256); the active key first' })
  keys: PublicHubJwk[];
}

class HubSigningKeyView {
  @ApiProperty({ description: 'RFC 7638 thumbprint' }) kid: string;
  @ApiProperty({ enum: ['active', 'retired'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) jwk: PublicHubJwk;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Retired keys verify until then' }) verifyUntil: string | null;
}

class HubSigningKeyListView {
  @ApiProperty({ type: [HubSigningKeyView] }) keys: HubSigningKeyView[];
}

function toView(key: HubSigningKey): HubSigningKeyView {
  return {
    kid: key.kid,
    status: key.status,
    jwk: toPublicJwk(key.kid, key.publicJwk),
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt?.toISOString() ?? null,
    verifyUntil: key.verifyUntil?.toISOString() ?? null,
  };
}

@ApiTags('signing')
@Controller()
export class SigningController {
  constructor(private readonly keys: HubKeyStore) {}

  @Get('.well-known/jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getJwks', summary: "The hub's public signing keys (JWKS, RFC 7517): verify hub-signed documents with them" })
  @ApiOkResponse({ type: JwksView })
  jwks(): JwksView {
    return this.keys.jwks();
  }

  @Get('v1/signing/keys')
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'listHubSigningKeys', summary: "The hub's signing keys, retired ones included (public parts only)" })
  @ApiOkResponse({ type: HubSigningKeyListView })
  async list(): Promise<HubSigningKeyListView> {
    return { keys: (await this.keys.list()).map(toView) };
  }

  @Post('v1/signing/keys/rotate')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'rotateHubSigningKey', summary: 'Make a new active signing key; the previous one keeps verifying until it expires' })
  @ApiOkResponse({ type: HubSigningKeyView })
  async rotate(@CurrentPrincipal() admin: Principal): Promise<HubSigningKeyView> {
    return toView(await this.keys.rotate(admin));
  }
}

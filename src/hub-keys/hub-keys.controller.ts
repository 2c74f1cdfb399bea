import { ApiProblems } from '../common/api-problem.decorator.js';
import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { TransparencyLog } from '../audit/transparency-log.service.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { HubKeysService } from './hub-keys.service.js';
import { HubSigningKeyListView, HubSigningKeyView, JwksView, toHubSigningKeyView } from './dto/hub-key.view.js';

@ApiTags('signing')
@Controller()
export class HubKeysController {
  constructor(
    private readonly keys: HubKeyStore,
    private readonly hubKeys: HubKeysService,
    private readonly log: TransparencyLog,
  ) {}

  @Get('.well-known/jwks.json')
  @ApiProblems(400)
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getJwks', summary: "The hub's public signing keys (JWKS, RFC 7517): verify hub-signed documents with them" })
  @ApiOkResponse({ type: JwksView })
  jwks(): JwksView {
    const { keys } = this.keys.jwks();
    // The hub's signing key also signs the audit log's checkpoints (src/audit/log-sequencer.ts).
    const checkpointKeys = keys.map((jwk) => this.log.verifierKeyOf(jwk));
    return { keys, checkpointKeys };
  }

  @Get('v1/signing/keys')
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'listHubSigningKeys', summary: "The hub's signing keys, retired ones included (public parts only)" })
  @ApiOkResponse({ type: HubSigningKeyListView })
  async list(): Promise<HubSigningKeyListView> {
    return { keys: (await this.hubKeys.list()).map(toHubSigningKeyView) };
  }

  @Post('v1/signing/keys/rotate')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'rotateHubSigningKey', summary: 'Make a new active signing key; the previous one keeps verifying until it expires' })
  @ApiOkResponse({ type: HubSigningKeyView })
  async rotate(@CurrentPrincipal() admin: Principal): Promise<HubSigningKeyView> {
    return toHubSigningKeyView(await this.hubKeys.rotate(admin));
  }
}

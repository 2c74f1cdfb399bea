import { Body, Controller, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { CommonError } from '../common/common.errors.js';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { Settings } from '../config/settings.js';
import { mintDevToken, type DevIssuerKey } from './dev-issuer.js';
import { DevSignInDto, DevSignInView } from './dto/dev-sign-in.dto.js';
import { DEV_ISSUER_KEY } from './jwt.strategy.js';

const DEV_TOKEN_TTL_SECONDS = 3600;

/**
 * The console's sign-in on a laptop: the development issuer's token for a role, as
 * `npm run token` gives one. Only while AUTH_DEV_ISSUER is on, which the settings refuse
 * in production; otherwise the route does not exist (people sign in at the OIDC issuer).
 */
@ApiTags('dev')
@Public()
@UseGuards(RateLimitGuard)
@Controller('v1/dev/sign-in')
export class DevSignInController {
  constructor(
    @Inject(DEV_ISSUER_KEY) private readonly devKey: DevIssuerKey | null,
    private readonly settings: Settings,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @RateLimited({ bucket: 'token', windowMs: 60_000, limitSetting: 'TOKEN_RATE_PER_MINUTE' })
  @ApiOperation({ operationId: 'devSignIn', summary: 'Sign in to the console with the development issuer (AUTH_DEV_ISSUER only, never in production)' })
  @ApiOkResponse({ type: DevSignInView })
  @ApiProblems(400, 404, 415, 422, 429)
  async signIn(@Body() request: DevSignInDto): Promise<DevSignInView> {
    // The key is loaded only with AUTH_DEV_ISSUER, which the settings refuse in production.
    if (!this.devKey) {
      throw new CommonError('NOT_FOUND', 'There is no such route: sign in at the identity provider.');
    }
    const token = await mintDevToken(this.devKey, { subject: request.subject, roles: [request.role], audience: this.settings.OIDC_AUDIENCE, ttlSeconds: DEV_TOKEN_TTL_SECONDS });
    return { access_token: token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL_SECONDS };
  }
}

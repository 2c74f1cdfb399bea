import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems, ProblemView } from '../common/api-problem.decorator.js';
import { Public } from '../access/public.decorator.js';
import { TokenService, type TokenRequest, type TokenResponse } from './token.service.js';
import { TokenResponseView } from './dto/token.view.js';

@ApiTags('auth')
@Public()
@UseGuards(RateLimitGuard)
@Controller('v1/oauth')
export class OAuthController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @RateLimited({ bucket: 'token', windowMs: 60_000, limitSetting: 'TOKEN_RATE_PER_MINUTE' })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type', 'client_assertion_type', 'client_assertion'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string', description: 'The partner id (optional; must equal the assertion iss)' },
        client_assertion_type: { type: 'string', enum: ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'] },
        client_assertion: { type: 'string', description: 'ES256 JWT signed with a registered key: iss = sub = partner id, aud = the hub issuer (HUB_ISSUER), unique jti, exp at most 5 minutes ahead' },
        scope: { type: 'string', description: 'Space-separated; when omitted, every scope the partner may hold (takedowns:read and takedowns:write are for platforms only)' },
      },
    },
  })
  @ApiOperation({ operationId: 'issueToken', summary: 'OAuth 2.0 client credentials with private_key_jwt (RFC 7523): a short-lived access token for a partner' })
  @ApiOkResponse({ type: TokenResponseView })
  @ApiProblems(415, 429)
  @ApiResponse({ status: 400, description: 'invalid_request, unsupported_grant_type or invalid_scope (RFC 6749 §5.2): a problem whose `error` and `error_description` carry the OAuth error', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } } })
  @ApiResponse({ status: 401, description: 'invalid_client: the client assertion did not verify, or the client is not an active partner (RFC 6749 §5.2); `error` and `error_description` carry the OAuth error', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } } })
  issue(@Body() request: TokenRequest): Promise<TokenResponse> {
    return this.tokens.issue(typeof request === 'object' && request !== null ? request : {});
  }
}

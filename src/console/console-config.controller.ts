import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { Settings } from '../config/settings.js';
import { consoleSignIn } from './console-sign-in.js';

export class ConsoleOidcView {
  @ApiProperty({ format: 'uri', description: 'The OpenID Connect issuer (its discovery document is at /.well-known/openid-configuration)' }) issuer: string;
  @ApiProperty({ description: "The console's client id there (public client, PKCE)" }) clientId: string;
  @ApiProperty({ example: 'openid profile' }) scope: string;
  @ApiProperty({ type: String, nullable: true, description: 'The resource indicator (RFC 8707) to ask the access token for, if the issuer needs one', example: 'https://ocx.example.go.th' }) resource: string | null;
}

export class ConsoleConfigView {
  @ApiProperty({ description: 'The development sign-in (POST /v1/dev/sign-in) is available' }) development: boolean;
  @ApiPropertyOptional({ type: ConsoleOidcView, nullable: true, description: 'Sign-in at the OpenID Connect issuer, when configured' }) oidc: ConsoleOidcView | null;
}

/** What the console needs to know before anyone signs in: how people sign in here. */
@ApiTags('console')
@Public()
@Controller('v1/console/config')
export class ConsoleConfigController {
  constructor(private readonly settings: Settings) {}

  @Get()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ operationId: 'getConsoleConfig', summary: 'How people sign in to the console on this hub' })
  @ApiOkResponse({ type: ConsoleConfigView })
  @ApiProblems(400)
  config(): ConsoleConfigView {
    return consoleSignIn(this.settings);
  }
}

import { Body, Controller, Get, Headers, Param, Post, Query, Res, UseGuards, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { partnerOf } from '../access/partner-of.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { Scopes } from '../access/scopes.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { jwsBody } from '../common/jws-body.js';
import { ApiSignedDocument } from '../common/api-signed.decorator.js';
import { signedRepresentation } from '../common/signed-representation.js';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { ApiEvidenceDownload, evidenceResponse } from '../evidence/evidence-response.js';
import { TakedownFeedQuery } from './dto/takedown.dto.js';
import { PartnerTakedownView, TakedownPageView, TakedownView } from './dto/takedown.view.js';
import { TakedownsService } from './takedowns.service.js';

@ApiTags('platform')
@Controller('v1/partner/takedowns')
@Roles('platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class PartnerTakedownsController {
  constructor(private readonly takedowns: TakedownsService) {}

  @Get()
  @Scopes('takedowns:read')
  @ApiOperation({ operationId: 'listPartnerTakedowns', summary: 'Your takedown requests, oldest first, in a stable order: keep the cursor and poll for new ones' })
  @ApiOkResponse({ type: TakedownPageView })
  @ApiProblems(400, 422)
  async feed(@Query() query: TakedownFeedQuery, @CurrentPrincipal() principal: Principal): Promise<TakedownPageView> {
    return this.takedowns.feed(partnerOf(principal).partnerId, query.cursor, query.limit);
  }

  @Get(':takedownId')
  @Scopes('takedowns:read')
  @ApiOperation({ operationId: 'getPartnerTakedown', summary: 'One of your takedown requests, with the signed document' })
  @ApiSignedDocument(PartnerTakedownView, 'OcxTakedownRequestJws')
  @ApiProblems(404)
  async read(
    @Param('takedownId') takedownId: string,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<PartnerTakedownView | string> {
    const representation = signedRepresentation(accept);
    const { view, jws } = await this.takedowns.read(partnerOf(principal), takedownId);
    if (representation === 'jose') {
      response.type('application/jose');
      return jws;
    }
    return { takedown: view, document: JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>, jws };
  }

  @Get(':takedownId/evidence/:evidenceId')
  @Scopes('takedowns:read')
  @ApiOperation({ operationId: 'downloadPartnerTakedownEvidence', summary: 'An evidence file listed in your takedown request; supports Range; check its SHA-256 against the manifest' })
  @ApiEvidenceDownload()
  @ApiProblems(404, 416)
  async evidence(
    @Param('takedownId') takedownId: string,
    @Param('evidenceId') evidenceId: string,
    @Headers('range') range: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<StreamableFile> {
    return evidenceResponse(await this.takedowns.evidenceContent(partnerOf(principal), takedownId, evidenceId, range), response);
  }

  @Post(':takedownId/responses')
  @Scopes('takedowns:write')
  @ApiConsumes('application/jose')
  @ApiBody({ description: 'A TakedownResponse signed with one of your registered keys (see /v1/schemas/takedown-response)', schema: { $ref: '#/components/schemas/OcxTakedownResponseJws' } })
  @ApiOperation({ operationId: 'postTakedownResponse', summary: 'Answer a takedown request, per target (signed TakedownResponse); later answers supersede earlier ones per target' })
  @ApiCreatedResponse({ type: TakedownView, description: 'Applied' })
  @ApiOkResponse({ type: TakedownView, description: 'This exact response was already applied' })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  async respond(
    @Param('takedownId') takedownId: string,
    @Body() jws: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<TakedownView> {
    const result = await this.takedowns.respond(partnerOf(principal), takedownId, jwsBody(jws, 'the signed TakedownResponse'));
    response.status(result.replay ? 200 : 201);
    return result.view;
  }
}

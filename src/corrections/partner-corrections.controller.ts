import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { partnerOf } from '../access/partner-of.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { Scopes } from '../access/scopes.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { jwsBody } from '../common/jws-body.js';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { PartnerCorrectionsQuery } from './dto/correction.dto.js';
import { AgencyCorrectionView, PartnerCorrectionListView } from './dto/correction.view.js';
import { CorrectionsService } from './corrections.service.js';

@ApiTags('partner')
@Controller('v1/partner')
@Roles('partner', 'platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class PartnerCorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Get('corrections')
  @Scopes('referrals:read')
  @ApiOperation({ operationId: 'listPartnerCorrections', summary: 'The Corrections and Retractions of your referrals, oldest first, each as signed: keep the cursor and poll for new ones' })
  @ApiOkResponse({ type: PartnerCorrectionListView })
  @ApiProblems(400, 422)
  feed(@Query() query: PartnerCorrectionsQuery, @CurrentPrincipal() principal: Principal): Promise<PartnerCorrectionListView> {
    return this.corrections.feed(partnerOf(principal).partnerId, query.cursor, query.limit);
  }

  @Post('referrals/:referralId/acknowledgements')
  @Scopes('referrals:write')
  @ApiConsumes('application/jose')
  @ApiBody({ description: 'An Acknowledgement signed with one of your registered keys (see /v1/schemas/acknowledgement)', schema: { $ref: '#/components/schemas/OcxAcknowledgementJws' } })
  @ApiOperation({ operationId: 'postAcknowledgement', summary: 'Answer a Correction or Retraction of your referral with a signed Acknowledgement: applied, or kept under your own legal obligation' })
  @ApiCreatedResponse({ type: AgencyCorrectionView, description: 'Recorded' })
  @ApiOkResponse({ type: AgencyCorrectionView, description: 'This exact Acknowledgement was already recorded' })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422)
  async acknowledge(
    @Param('referralId') referralId: string,
    @Body() jws: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AgencyCorrectionView> {
    const result = await this.corrections.acknowledge(partnerOf(principal), referralId, jwsBody(jws, 'the signed Acknowledgement'));
    response.status(result.replay ? 200 : 201);
    return result.view;
  }
}

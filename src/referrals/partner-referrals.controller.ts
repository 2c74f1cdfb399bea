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
import { AgencyReferralView, toAgencyReferralView, toReferralView } from './dto/referral.view.js';
import { PartnerReferralsService } from './partner-referrals.service.js';
import { FeedQuery } from './dto/partner-referral.dto.js';
import { FeedView, PartnerReferralView } from './dto/partner-referral.view.js';

@ApiTags('partner')
@Controller('v1/partner/referrals')
@Roles('partner', 'platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class PartnerReferralsController {
  constructor(private readonly partnerReferrals: PartnerReferralsService) {}

  @Get()
  @Scopes('referrals:read')
  @ApiOperation({ operationId: 'listPartnerReferrals', summary: 'Your referrals, oldest first, in a stable order: keep the cursor and poll for new ones' })
  @ApiOkResponse({ type: FeedView })
  @ApiProblems(400, 422)
  async feed(@Query() query: FeedQuery, @CurrentPrincipal() principal: Principal): Promise<FeedView> {
    const page = await this.partnerReferrals.feed(partnerOf(principal).partnerId, query.status, query.cursor, query.limit);
    return { referrals: page.referrals.map(({ referral, documentId }) => ({ referral: toAgencyReferralView(toReferralView(referral)), documentId })), nextCursor: page.nextCursor };
  }

  @Get(':referralId')
  @Scopes('referrals:read')
  @ApiOperation({ operationId: 'getPartnerReferral', summary: 'One of your referrals; reading it marks it delivered' })
  @ApiSignedDocument(PartnerReferralView, 'OcxReferralJws')
  @ApiProblems(404)
  async read(
    @Param('referralId') referralId: string,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<PartnerReferralView | string> {
    const representation = signedRepresentation(accept);
    const { referral, jws } = await this.partnerReferrals.read(partnerOf(principal), referralId);
    if (representation === 'jose') {
      response.type('application/jose');
      return jws;
    }
    const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { referral: toAgencyReferralView(toReferralView(referral)), document: payload, jws };
  }

  @Get(':referralId/evidence/:evidenceId')
  @Scopes('evidence:read')
  @ApiOperation({ operationId: 'downloadPartnerEvidence', summary: 'An evidence file listed in your referral; supports Range; check its SHA-256 against the manifest' })
  @ApiEvidenceDownload()
  @ApiProblems(404, 416)
  async evidence(
    @Param('referralId') referralId: string,
    @Param('evidenceId') evidenceId: string,
    @Headers('range') range: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<StreamableFile> {
    return evidenceResponse(await this.partnerReferrals.evidenceContent(partnerOf(principal), referralId, evidenceId, range), response);
  }

  @Post(':referralId/events')
  @Scopes('referrals:write')
  @ApiConsumes('application/jose')
  @ApiBody({ description: 'A StatusEvent signed with one of your registered keys (see /v1/schemas/status-event)', schema: { $ref: '#/components/schemas/OcxStatusEventJws' } })
  @ApiOperation({ operationId: 'postStatusEvent', summary: 'Report what happened to a referral (signed StatusEvent); the state machine of the standard applies' })
  @ApiCreatedResponse({ type: AgencyReferralView, description: 'Applied' })
  @ApiOkResponse({ type: AgencyReferralView, description: 'This exact event was already applied: the referral as it is now' })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  async event(
    @Param('referralId') referralId: string,
    @Body() jws: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AgencyReferralView> {
    const result = await this.partnerReferrals.applyStatusEvent(partnerOf(principal), referralId, jwsBody(jws, 'the signed StatusEvent'));
    response.status(result.replay ? 200 : 201);
    return toAgencyReferralView(result.view);
  }
}

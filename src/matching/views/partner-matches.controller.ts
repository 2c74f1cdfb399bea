import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../access/current-principal.decorator.js';
import { partnerOf } from '../../access/partner-of.js';
import { Roles } from '../../access/roles.decorator.js';
import type { Principal } from '../../access/roles.js';
import { Scopes } from '../../access/scopes.decorator.js';
import { ApiProblems } from '../../common/api-problem.decorator.js';
import { RateLimited, RateLimitGuard } from '../../common/rate-limit.guard.js';
import { MatchNoticeFeedView, PartnerMatchesView } from './dto/match.view.js';
import { MatchNoticeFeedQuery, PartnerMatchesQuery } from './dto/match.dto.js';
import { MatchViewsService } from './match-views.service.js';

@ApiTags('partner')
@Controller('v1/partner')
@Roles('partner', 'platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class PartnerMatchesController {
  constructor(private readonly views: MatchViewsService) {}

  @Get('matches')
  @Scopes('matches:read')
  @ApiOperation({ operationId: 'listPartnerMatches', summary: "Your cases linked to other agencies' cases: the agencies, the identifier type and its masked value" })
  @ApiOkResponse({ type: PartnerMatchesView })
  @ApiProblems(400, 422)
  async matches(@Query() query: PartnerMatchesQuery, @CurrentPrincipal() principal: Principal): Promise<PartnerMatchesView> {
    return this.views.forPartner(partnerOf(principal), query.cursor, query.limit ?? 100);
  }

  @Get('match-notices')
  @Scopes('matches:read')
  @ApiOperation({ operationId: 'listPartnerMatchNotices', summary: 'The signed MatchNotices addressed to you, oldest first: follow `nextCursor` to the end, keep `pollCursor` and poll with it' })
  @ApiOkResponse({ type: MatchNoticeFeedView })
  @ApiProblems(400, 422)
  notices(@Query() query: MatchNoticeFeedQuery, @CurrentPrincipal() principal: Principal): Promise<MatchNoticeFeedView> {
    return this.views.notices(partnerOf(principal).partnerId, query.cursor, query.limit ?? 50);
  }

  @Get('match-notices/:noticeId')
  @Scopes('matches:read')
  @ApiProduces('application/jose')
  @ApiOperation({ operationId: 'getPartnerMatchNotice', summary: 'One MatchNotice addressed to you, as the hub signed it' })
  @ApiOkResponse({ description: 'The compact JWS, exactly as the hub signed it', content: { 'application/jose': { schema: { $ref: '#/components/schemas/OcxMatchNoticeJws' } } } })
  @ApiProblems(404)
  async notice(@Param('noticeId') noticeId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const jws = await this.views.notice(partnerOf(principal), noticeId);
    response.type('application/jose');
    return jws;
  }
}

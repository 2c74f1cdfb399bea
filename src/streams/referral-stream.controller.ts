import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { partnerOf } from '../access/partner-of.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { Scopes } from '../access/scopes.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { ReferralDocumentsQuery } from './dto/referral-stream.dto.js';
import { ReferralDocumentsView } from './dto/referral-stream.view.js';
import { ReferralStreamService } from './referral-stream.service.js';

@ApiTags('partner')
@Controller('v1/partner/referrals')
@Roles('partner', 'platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class ReferralStreamController {
  constructor(private readonly stream: ReferralStreamService) {}

  @Get(':referralId/documents')
  @Scopes('referrals:read')
  @ApiOperation({
    operationId: 'listPartnerReferralDocuments',
    summary: "The documents the hub issued about one of your referrals, by their number in the referral's stream (§4.7): fetch what you missed when a number is skipped",
  })
  @ApiOkResponse({ type: ReferralDocumentsView })
  @ApiProblems(404, 422)
  documents(@Param('referralId') referralId: string, @Query() query: ReferralDocumentsQuery, @CurrentPrincipal() principal: Principal): Promise<ReferralDocumentsView> {
    return this.stream.documents(partnerOf(principal), referralId, query.after ?? 0);
  }
}

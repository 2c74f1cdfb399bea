import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { RateLimited, RateLimitGuard } from '../common/rate-limit.guard.js';
import { TrackingView } from './dto/referral.view.js';
import { ReferralsService } from './referrals.service.js';

/** For complainants: no login, so rate-limited per client address, and nothing personal in the answer. */
@ApiTags('tracking')
@Public()
@UseGuards(RateLimitGuard)
@Controller('v1/track')
export class TrackingController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get(':referenceCode')
  @RateLimited({ bucket: 'tracking', windowMs: 60_000, limitSetting: 'TRACK_RATE_PER_MINUTE' })
  @ApiOperation({ operationId: 'trackCase', summary: 'Which agencies hold the case of this reference code, and their status' })
  @ApiOkResponse({ type: TrackingView })
  @ApiProblems(404, 429)
  track(@Param('referenceCode') referenceCode: string): Promise<TrackingView> {
    return this.referrals.track(referenceCode);
  }
}

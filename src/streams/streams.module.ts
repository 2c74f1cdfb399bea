import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { SealingModule } from '../sealing/sealing.module.js';
import { ReferralStreamController } from './referral-stream.controller.js';
import { ReferralStreamService } from './referral-stream.service.js';

/** A referral's stream of documents (§4.7), read across the modules that keep each kind. */
@Module({
  imports: [SealingModule],
  controllers: [ReferralStreamController],
  providers: [ReferralStreamService, RateLimitGuard],
})
export class StreamsModule {}

import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { StandardModule } from '../standard/standard.module.js';
import { CaseSharesController } from './case-shares.controller.js';
import { CaseSharesService } from './case-shares.service.js';

@Module({
  imports: [StandardModule],
  controllers: [CaseSharesController],
  providers: [CaseSharesService, RateLimitGuard],
})
export class MatchingModule {}

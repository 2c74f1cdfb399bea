import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { Settings } from '../config/settings.js';
import { MASTER_KEY } from '../signing/hub-key-store.service.js';
import { SigningModule } from '../signing/signing.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { BlindIndex } from './blind-index.js';
import { CaseSharesController } from './case-shares.controller.js';
import { CaseSharesService } from './case-shares.service.js';
import { MatchNoticesService } from './match-notices.service.js';
import { MatchNotifier } from './match-notifier.js';
import { MatchViewsService } from './match-views.service.js';
import { MatchesController } from './matches.controller.js';
import { MatchingService } from './matching.service.js';
import { PartnerMatchesController } from './partner-matches.controller.js';

@Module({
  imports: [StandardModule, SigningModule],
  controllers: [CaseSharesController, MatchesController, PartnerMatchesController],
  providers: [
    {
      provide: BlindIndex,
      inject: [Settings, MASTER_KEY],
      useFactory: (settings: Settings, masterKey: Buffer) => (settings.MATCHING_INDEX_KEYS ? BlindIndex.fromSetting(settings.MATCHING_INDEX_KEYS) : BlindIndex.fromMasterKey(masterKey)),
    },
    MatchingService,
    MatchNoticesService,
    MatchNotifier,
    MatchViewsService,
    CaseSharesService,
    RateLimitGuard,
  ],
  exports: [MatchingService, MatchNotifier],
})
export class MatchingModule {}

import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { Settings } from '../config/settings.js';
import { MASTER_KEY } from '../signing/hub-key-store.service.js';
import { SigningModule } from '../signing/signing.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { BlindIndex } from './identifiers/blind-index.js';
import { CaseSharesController } from './case-shares/case-shares.controller.js';
import { CaseSharesService } from './case-shares/case-shares.service.js';
import { MatchNoticesService } from './notices/match-notices.service.js';
import { MatchNotifier } from './notices/match-notifier.js';
import { MatchViewsService } from './views/match-views.service.js';
import { MatchesController } from './views/matches.controller.js';
import { MatchingService } from './clusters/matching.service.js';
import { PartnerMatchesController } from './views/partner-matches.controller.js';
import { WarningListController } from './warning-list/warning-list.controller.js';
import { WarningList } from './warning-list/warning-list.service.js';
import { WarningEntry } from './warning-list/warning-entry.entity.js';
import { TypeOrmModule } from '@nestjs/typeorm';

@Module({
  imports: [TypeOrmModule.forFeature([WarningEntry]), StandardModule, SigningModule, InboundModule, PartnersModule, DeliveryModule],
  controllers: [CaseSharesController, MatchesController, PartnerMatchesController, WarningListController],
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
    WarningList,
    RateLimitGuard,
  ],
  exports: [MatchingService, MatchNotifier, CaseSharesService, WarningList],
})
export class MatchingModule {}

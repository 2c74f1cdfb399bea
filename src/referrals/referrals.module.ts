import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { SealingModule } from '../sealing/sealing.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { TakedownsModule } from '../takedowns/takedowns.module.js';
import { ReferralDocumentRecord } from './referral-document.entity.js';
import { ReferralEvent } from './referral-event.entity.js';
import { Referral } from './referral.entity.js';
import { PartnerReferralsController } from './partner-referrals.controller.js';
import { PartnerReferralsService } from './partner-referrals.service.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';
import { TrackingController } from './tracking.controller.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralDocumentRecord, ReferralEvent]),
    ComplaintsModule,
    EvidenceModule,
    SigningModule,
    SealingModule,
    StandardModule,
    InboundModule,
    PartnersModule,
    DeliveryModule,
    TakedownsModule,
  ],
  controllers: [ReferralsController, TrackingController, PartnerReferralsController],
  providers: [ReferralsService, PartnerReferralsService, RateLimitGuard],
  exports: [ReferralsService],
})
export class ReferralsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { SealingModule } from '../sealing/sealing.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { CorrectionChaser } from './correction-chaser.worker.js';
import { CorrectionRecord } from './correction.entity.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { PartnerCorrectionsController } from './partner-corrections.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([CorrectionRecord]), ComplaintsModule, ReferralsModule, PartnersModule, SigningModule, SealingModule, StandardModule, InboundModule, DeliveryModule],
  controllers: [CorrectionsController, PartnerCorrectionsController],
  providers: [CorrectionsService, CorrectionChaser, RateLimitGuard],
  exports: [CorrectionsService, CorrectionChaser],
})
export class CorrectionsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { LegalBasesModule } from '../legal-bases/legal-bases.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { PartnerTakedownsController } from './partner-takedowns.controller.js';
import { TakedownChecker } from './takedown-checker.worker.js';
import { TakedownDeadlines } from './takedown-deadlines.worker.js';
import { TakedownTarget } from './takedown-target.entity.js';
import { Takedown } from './takedown.entity.js';
import { TakedownsController } from './takedowns.controller.js';
import { TakedownsService } from './takedowns.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Takedown, TakedownTarget]), AuditModule, ComplaintsModule, DeliveryModule, EvidenceModule, InboundModule, LegalBasesModule, PartnersModule, SigningModule, StandardModule],
  controllers: [TakedownsController, PartnerTakedownsController],
  providers: [TakedownsService, TakedownDeadlines, TakedownChecker, RateLimitGuard],
  exports: [TakedownsService],
})
export class TakedownsModule {}

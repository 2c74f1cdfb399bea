import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingController } from './routing.controller.js';
import { RoutingService } from './routing.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoutingRule]), ComplaintsModule, PartnersModule],
  controllers: [RoutingController],
  providers: [RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}

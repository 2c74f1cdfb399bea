import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerKey } from './partner-key.entity.js';
import { Partner } from './partner.entity.js';
import { PartnersController } from './partners.controller.js';
import { PartnerAccess } from './partner-access.service.js';
import { PartnersService } from './partners.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Partner, PartnerKey])],
  controllers: [PartnersController],
  providers: [PartnersService, PartnerAccess],
  exports: [PartnersService, PartnerAccess],
})
export class PartnersModule {}

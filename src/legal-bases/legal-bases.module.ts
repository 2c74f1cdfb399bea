import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { LegalBasis } from './legal-basis.entity.js';
import { LegalBasesController } from './legal-bases.controller.js';
import { LegalBasesService } from './legal-bases.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LegalBasis]), AuditModule],
  controllers: [LegalBasesController],
  providers: [LegalBasesService],
  exports: [LegalBasesService],
})
export class LegalBasesModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { LogSequencer } from './log-sequencer.js';
import { TransparencyLogController } from './transparency-log.controller.js';
import { TransparencyLog } from './transparency-log.service.js';
import { SigningModule } from '../signing/signing.module.js';

/** Global: every module records its exchanges here. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry]), SigningModule],
  controllers: [AuditController, TransparencyLogController],
  providers: [AuditService, TransparencyLog, LogSequencer],
  exports: [AuditService, TransparencyLog],
})
export class AuditModule {}

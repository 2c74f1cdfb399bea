import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module.js';
import { StandardModule } from '../standard/standard.module.js';
import { ConformanceController } from './conformance.controller.js';
import { InboundDocumentsService } from './inbound-documents.service.js';
import { ReceivedDocument } from './received-document.entity.js';

/** Documents partners sign and send: verification, receipts (replay and reuse of ids), and the conformance route. */
@Module({
  imports: [TypeOrmModule.forFeature([ReceivedDocument]), PartnersModule, StandardModule],
  controllers: [ConformanceController],
  providers: [InboundDocumentsService],
  exports: [InboundDocumentsService],
})
export class InboundModule {}

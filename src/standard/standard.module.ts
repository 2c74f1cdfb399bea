import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module.js';
import { ConformanceController } from './conformance.controller.js';
import { InboundDocumentsService } from './inbound-documents.service.js';
import { ReceivedDocument } from './received-document.entity.js';
import { SchemaRegistry } from './schema-registry.js';
import { SchemasController } from './schemas.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([ReceivedDocument]), PartnersModule],
  controllers: [SchemasController, ConformanceController],
  providers: [{ provide: SchemaRegistry, useFactory: () => new SchemaRegistry() }, InboundDocumentsService],
  exports: [SchemaRegistry, InboundDocumentsService],
})
export class StandardModule {}

import { Module } from '@nestjs/common';
import { SchemaRegistry } from './schema-registry.js';
import { SchemasController } from './schemas.controller.js';

/** The OCX v1 standard: its code lists and schemas, served and used to validate documents. Knows no feature. */
@Module({
  controllers: [SchemasController],
  providers: [{ provide: SchemaRegistry, useFactory: () => new SchemaRegistry() }],
  exports: [SchemaRegistry],
})
export class StandardModule {}

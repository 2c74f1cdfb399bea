import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/public.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { SchemaRegistry, type SchemaName } from './schema-registry.js';
import { StandardError } from './standard.errors.js';
import { SchemaListView } from './dto/schema.view.js';

/** The published standard: the JSON Schemas of OCX v1, served as they are in schemas/ocx/v1. */
@ApiTags('standard')
@Public()
@Controller('v1/schemas')
export class SchemasController {
  constructor(private readonly registry: SchemaRegistry) {}

  @Get()
  @ApiProblems(400)
  @ApiOperation({ operationId: 'listSchemas', summary: 'The JSON Schemas (draft 2020-12) of the OCX v1 documents' })
  @ApiOkResponse({ type: SchemaListView })
  list(): SchemaListView {
    return {
      ocxVersion: '1',
      schemas: this.registry.names().map((name) => {
        const schema = this.registry.schema(name)!;
        return { name, id: schema.$id as string, title: schema.title as string, url: `/v1/schemas/${name}` };
      }),
    };
  }

  @Get(':name')
  @Header('Content-Type', 'application/schema+json')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ operationId: 'getSchema', summary: 'One schema: referral, status-event, takedown-request, takedown-response, case-share, match-notice or defs' })
  @ApiProduces('application/schema+json')
  @ApiOkResponse({ description: 'The JSON Schema', schema: { type: 'object' } })
  @ApiProblems(404)
  get(@Param('name') name: string): string {
    const schema = this.registry.schema(name.replace(/\.schema\.json$/, '') as SchemaName);
    if (!schema) throw new StandardError('SCHEMA_NOT_FOUND', `There is no OCX v1 schema "${name}".`, { available: this.registry.names() });
    return JSON.stringify(schema);
  }
}

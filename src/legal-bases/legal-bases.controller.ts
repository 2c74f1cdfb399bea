import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { CreateLegalBasisVersionDto } from './dto/legal-basis.dto.js';
import { LegalBasisListView, LegalBasisView, toLegalBasisView } from './dto/legal-basis.view.js';
import { LegalBasesService } from './legal-bases.service.js';

@ApiTags('legal-bases')
@Controller('v1/legal-bases')
export class LegalBasesController {
  constructor(private readonly legalBases: LegalBasesService) {}

  @Get()
  @Roles('admin', 'staff', 'auditor', 'platform')
  @ApiOperation({ operationId: 'listLegalBases', summary: 'Every version of every legal basis: what it requires, the actions it allows, its default deadlines' })
  @ApiQuery({ name: 'code', required: false })
  @ApiOkResponse({ type: LegalBasisListView })
  async list(@Query('code') code?: string): Promise<LegalBasisListView> {
    return { legalBases: (await this.legalBases.list(typeof code === 'string' ? code : undefined)).map(toLegalBasisView) };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createLegalBasisVersion', summary: 'A new version of a legal basis (or the first of a new one); versions are never changed, and requests keep the version they were issued under' })
  @ApiCreatedResponse({ type: LegalBasisView })
  @ApiProblems(400, 415, 422)
  async create(@Body() request: CreateLegalBasisVersionDto, @CurrentPrincipal() admin: Principal): Promise<LegalBasisView> {
    return toLegalBasisView(await this.legalBases.addVersion(request, admin));
  }
}

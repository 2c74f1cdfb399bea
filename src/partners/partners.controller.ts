import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { CreatePartnerDto, UpdatePartnerDto } from './dto/partner.dto.js';
import { RegisterPartnerKeyDto, RevokePartnerKeyDto } from './dto/partner-key.dto.js';
import { PartnerKeyListView, PartnerKeyView, PartnerListView, PartnerView, toPartnerKeyView, toPartnerView } from './dto/partner.view.js';
import { PartnersService } from './partners.service.js';

@ApiTags('partners')
@Controller('v1/partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Roles('admin', 'staff', 'auditor')
  @ApiOperation({ operationId: 'listPartners', summary: 'The partner registry' })
  @ApiOkResponse({ type: PartnerListView })
  async list(): Promise<PartnerListView> {
    return { partners: (await this.partners.list()).map(toPartnerView) };
  }

  @Get(':partnerId')
  @Roles('admin', 'staff', 'auditor')
  @ApiOperation({ operationId: 'getPartner', summary: 'One partner' })
  @ApiOkResponse({ type: PartnerView })
  @ApiNotFoundResponse({ description: 'No such partner (problem+json)' })
  async get(@Param('partnerId') partnerId: string): Promise<PartnerView> {
    return toPartnerView(await this.partners.get(partnerId));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createPartner', summary: 'Register a partner' })
  @ApiCreatedResponse({ type: PartnerView })
  @ApiConflictResponse({ description: 'The id is taken (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid fields (problem+json with errors[])' })
  async create(@Body() request: CreatePartnerDto): Promise<PartnerView> {
    return toPartnerView(await this.partners.create(request));
  }

  @Patch(':partnerId')
  @Roles('admin')
  @ApiOperation({ operationId: 'updatePartner', summary: 'Change a partner (only the fields sent)' })
  @ApiOkResponse({ type: PartnerView })
  @ApiNotFoundResponse({ description: 'No such partner (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid fields (problem+json with errors[])' })
  async update(@Param('partnerId') partnerId: string, @Body() changes: UpdatePartnerDto): Promise<PartnerView> {
    return toPartnerView(await this.partners.update(partnerId, changes));
  }

  @Get(':partnerId/keys')
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'listPartnerKeys', summary: "A partner's public signing keys, revoked ones included" })
  @ApiOkResponse({ type: PartnerKeyListView })
  async listKeys(@Param('partnerId') partnerId: string): Promise<PartnerKeyListView> {
    return { keys: (await this.partners.listKeys(partnerId)).map(toPartnerKeyView) };
  }

  @Post(':partnerId/keys')
  @Roles('admin')
  @ApiOperation({ operationId: 'registerPartnerKey', summary: 'Register a public signing key (EC P-256 JWK)' })
  @ApiCreatedResponse({ type: PartnerKeyView })
  @ApiConflictResponse({ description: 'The key is already registered (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'Malformed or private JWK (problem+json)' })
  async registerKey(@Param('partnerId') partnerId: string, @Body() request: RegisterPartnerKeyDto): Promise<PartnerKeyView> {
    return toPartnerKeyView(await this.partners.registerKey(partnerId, request));
  }

  @Post(':partnerId/keys/:kid/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'revokePartnerKey', summary: 'Revoke a key: it no longer verifies anything the partner sends' })
  @ApiOkResponse({ type: PartnerKeyView })
  @ApiNotFoundResponse({ description: 'No such partner or key (problem+json)' })
  @ApiConflictResponse({ description: 'Already revoked (problem+json)' })
  async revokeKey(@Param('partnerId') partnerId: string, @Param('kid') kid: string, @Body() request: RevokePartnerKeyDto): Promise<PartnerKeyView> {
    return toPartnerKeyView(await this.partners.revokeKey(partnerId, kid, request));
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
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
  @ApiProblems(404)
  @ApiOkResponse({ type: PartnerView })
  async get(@Param('partnerId') partnerId: string): Promise<PartnerView> {
    return toPartnerView(await this.partners.get(partnerId));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createPartner', summary: 'Register a partner' })
  @ApiProblems(400, 409, 415, 422)
  @ApiCreatedResponse({ type: PartnerView })
  async create(@Body() request: CreatePartnerDto, @CurrentPrincipal() admin: Principal): Promise<PartnerView> {
    return toPartnerView(await this.partners.create(request, admin));
  }

  @Patch(':partnerId')
  @Roles('admin')
  @ApiOperation({ operationId: 'updatePartner', summary: 'Change a partner (only the fields sent)' })
  @ApiProblems(400, 404, 415, 422)
  @ApiOkResponse({ type: PartnerView })
  async update(@Param('partnerId') partnerId: string, @Body() changes: UpdatePartnerDto, @CurrentPrincipal() admin: Principal): Promise<PartnerView> {
    return toPartnerView(await this.partners.update(partnerId, changes, admin));
  }

  @Get(':partnerId/keys')
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'listPartnerKeys', summary: "A partner's public signing keys, revoked ones included" })
  @ApiProblems(404)
  @ApiOkResponse({ type: PartnerKeyListView })
  async listKeys(@Param('partnerId') partnerId: string): Promise<PartnerKeyListView> {
    return { keys: (await this.partners.listKeys(partnerId)).map(toPartnerKeyView) };
  }

  @Post(':partnerId/keys')
  @Roles('admin')
  @ApiOperation({ operationId: 'registerPartnerKey', summary: 'Register a public signing key (EC P-256 JWK)' })
  @ApiProblems(400, 404, 409, 415, 422)
  @ApiCreatedResponse({ type: PartnerKeyView })
  async registerKey(@Param('partnerId') partnerId: string, @Body() request: RegisterPartnerKeyDto, @CurrentPrincipal() admin: Principal): Promise<PartnerKeyView> {
    return toPartnerKeyView(await this.partners.registerKey(partnerId, request, admin));
  }

  @Post(':partnerId/keys/:kid/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'revokePartnerKey', summary: 'Revoke a key: it no longer verifies anything the partner sends' })
  @ApiProblems(404, 409, 415, 422)
  @ApiOkResponse({ type: PartnerKeyView })
  async revokeKey(@Param('partnerId') partnerId: string, @Param('kid') kid: string, @Body() request: RevokePartnerKeyDto, @CurrentPrincipal() admin: Principal): Promise<PartnerKeyView> {
    return toPartnerKeyView(await this.partners.revokeKey(partnerId, kid, request, admin));
  }
}

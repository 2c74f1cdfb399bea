import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../access/current-principal.decorator.js';
import { Roles } from '../../access/roles.decorator.js';
import type { Principal } from '../../access/roles.js';
import { ApiProblems } from '../../common/api-problem.decorator.js';
import { uuidParam } from '../../common/uuid.pipe.js';
import { CreateWarningEntryDto, ListWarningEntriesQuery, RemoveWarningEntryDto } from './dto/warning-entry.dto.js';
import { toWarningEntryView, WarningEntryListView, WarningEntryView } from './dto/warning-entry.view.js';
import { WarningList } from './warning-list.service.js';

@ApiTags('matching')
@Controller('v1/warning-list')
export class WarningListController {
  constructor(private readonly warningList: WarningList) {}

  @Get()
  @Roles('admin', 'staff', 'auditor')
  @ApiOperation({ operationId: 'listWarningEntries', summary: 'The warning list: official numbers, accounts and sites of banks and government services, which link no case' })
  @ApiOkResponse({ type: WarningEntryListView })
  @ApiProblems(422)
  async list(@Query() query: ListWarningEntriesQuery): Promise<WarningEntryListView> {
    return { entries: (await this.warningList.list(query.includeRemoved === 'true')).map(toWarningEntryView) };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'addWarningEntry', summary: 'List an official number, account or site (normalised as intake normalises it): from now on it links no case' })
  @ApiCreatedResponse({ type: WarningEntryView })
  @ApiProblems(400, 409, 415, 422)
  async add(@Body() request: CreateWarningEntryDto, @CurrentPrincipal() admin: Principal): Promise<WarningEntryView> {
    return toWarningEntryView(await this.warningList.add(admin, request));
  }

  @Post(':entryId/removal')
  @Roles('admin')
  @ApiOperation({ operationId: 'removeWarningEntry', summary: 'Take an entry off the list (kept, with who and why): from now on the value links cases again' })
  @ApiCreatedResponse({ type: WarningEntryView })
  @ApiProblems(400, 404, 415, 422)
  async remove(@Param('entryId', uuidParam) entryId: string, @Body() request: RemoveWarningEntryDto, @CurrentPrincipal() admin: Principal): Promise<WarningEntryView> {
    return toWarningEntryView(await this.warningList.remove(admin, entryId, request.reason));
  }
}

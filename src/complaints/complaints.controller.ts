import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { ComplaintsService } from './complaints.service.js';
import { CreateComplaintDto, ListComplaintsQuery, UpdateComplaintDto } from './dto/complaint.dto.js';
import { ComplaintPageView, ComplaintView, toComplaintView } from './dto/complaint.view.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { WarningList } from '../matching/warning-list/warning-list.service.js';


@ApiTags('complaints')
@Controller('v1/complaints')
@Roles('staff')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly warningList: WarningList,
  ) {}

  /** The complaint as staff see it: each subject that identifies nobody says why, each official one whose it is. */
  private view(complaint: Parameters<typeof toComplaintView>[0]): ComplaintView {
    return toComplaintView(complaint, (identifier) => this.warningList.entryFor(identifier));
  }

  @Post()
  @ApiOperation({ operationId: 'createComplaint', summary: 'Record a complaint; the answer carries the reference code for the complainant' })
  @ApiCreatedResponse({ type: ComplaintView })
  @ApiProblems(400, 415, 422)
  async create(@Body() request: CreateComplaintDto, @CurrentPrincipal() staff: Principal): Promise<ComplaintView> {
    const complaint = await this.complaints.create(request, staff);
    return this.view(complaint);
  }

  @Get()
  @ApiOperation({ operationId: 'listComplaints', summary: 'Complaints, newest first, filtered; `q` finds words in Thai text' })
  @ApiOkResponse({ type: ComplaintPageView })
  @ApiProblems(400, 422)
  async list(@Query() query: ListComplaintsQuery): Promise<ComplaintPageView> {
    const page = await this.complaints.list(query);
    return { complaints: page.complaints.map((complaint) => this.view(complaint)), nextCursor: page.nextCursor };
  }

  @Get(':complaintId')
  @ApiOperation({ operationId: 'getComplaint', summary: 'One complaint' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblems(404)
  async get(@Param('complaintId', uuidParam) complaintId: string): Promise<ComplaintView> {
    const complaint = await this.complaints.get(complaintId);
    return this.view(complaint);
  }

  @Patch(':complaintId')
  @ApiOperation({ operationId: 'updateComplaint', summary: 'Change a complaint that has not been dispatched' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblems(400, 404, 409, 415, 422)
  async update(@Param('complaintId', uuidParam) complaintId: string, @Body() changes: UpdateComplaintDto): Promise<ComplaintView> {
    const complaint = await this.complaints.update(complaintId, changes);
    return this.view(complaint);
  }
}

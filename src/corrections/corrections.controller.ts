import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { CorrectComplaintDto, ListCorrectionsQuery, RetractComplaintDto } from './dto/correction.dto.js';
import { CorrectionListView, CorrectionResultView } from './dto/correction.view.js';
import { CorrectionsService } from './corrections.service.js';

@ApiTags('corrections')
@Controller()
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Post('v1/complaints/:complaintId/corrections')
  @Roles('staff')
  @ApiOperation({
    operationId: 'correctComplaint',
    summary: 'Correct a dispatched complaint that was wrong (a wrong person named, a wrong identifier): each agency that received a member that changes gets a new version and a signed Correction to acknowledge',
  })
  @ApiCreatedResponse({ type: CorrectionResultView })
  @ApiProblems(400, 404, 409, 415, 422)
  correct(@Param('complaintId', uuidParam) complaintId: string, @Body() request: CorrectComplaintDto, @CurrentPrincipal() staff: Principal): Promise<CorrectionResultView> {
    return this.corrections.correct(complaintId, request, staff);
  }

  @Post('v1/complaints/:complaintId/retraction')
  @Roles('staff')
  @ApiOperation({
    operationId: 'retractComplaint',
    summary: 'Withdraw a complaint (the complainant withdrew, a duplicate, filed in error): every agency that received it gets a signed Retraction to acknowledge, and its open referrals end',
  })
  @ApiCreatedResponse({ type: CorrectionResultView })
  @ApiProblems(400, 404, 409, 415, 422)
  retract(@Param('complaintId', uuidParam) complaintId: string, @Body() request: RetractComplaintDto, @CurrentPrincipal() staff: Principal): Promise<CorrectionResultView> {
    return this.corrections.retract(complaintId, request, staff);
  }

  @Get('v1/corrections')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'listCorrections', summary: "Corrections and Retractions sent, newest first, with each agency's acknowledgement; `unacknowledged=true` is the work list" })
  @ApiOkResponse({ type: CorrectionListView })
  @ApiProblems(400, 422)
  list(@Query() query: ListCorrectionsQuery): Promise<CorrectionListView> {
    return this.corrections.list(query);
  }
}

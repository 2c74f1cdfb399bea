import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../access/current-principal.decorator.js';
import { Roles } from '../../access/roles.decorator.js';
import type { Principal } from '../../access/roles.js';
import { ApiProblems } from '../../common/api-problem.decorator.js';
import { ClusterView, ComplaintMatchesView, IdentifierLookupView, SplitResultView } from './dto/match.view.js';
import { IdentifierLookupQuery, SplitRequestDto } from './dto/match.dto.js';
import { MatchViewsService } from './match-views.service.js';
import { MatchingService } from '../clusters/matching.service.js';
import { uuidParam } from '../../common/uuid.pipe.js';


@ApiTags('matching')
@Controller('v1')
export class MatchesController {
  constructor(
    private readonly views: MatchViewsService,
    private readonly matching: MatchingService,
  ) {}

  // POST, not GET: the value is personal data and must not sit in URLs and access logs.
  @Post('matches/lookup')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ operationId: 'lookupIdentifier', summary: 'Who else reported this phone, account, page or id: cases of every agency quoting it' })
  @ApiOkResponse({ type: IdentifierLookupView })
  @ApiProblems(400, 415, 422)
  lookup(@Body() query: IdentifierLookupQuery): Promise<IdentifierLookupView> {
    return this.views.lookup(query);
  }

  @Get('complaints/:complaintId/matches')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'getComplaintMatches', summary: 'Cases of any agency linked to this complaint by a strong identifier, and name-based suggestions' })
  @ApiOkResponse({ type: ComplaintMatchesView })
  @ApiProblems(404)
  complaintMatches(@Param('complaintId', uuidParam) complaintId: string): Promise<ComplaintMatchesView> {
    return this.views.forComplaint(complaintId);
  }

  @Get('clusters/:clusterId')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'getCluster', summary: 'A cluster: its cases, the agencies holding them, their identifiers (masked)' })
  @ApiOkResponse({ type: ClusterView })
  @ApiProblems(404)
  cluster(@Param('clusterId', uuidParam) clusterId: string): Promise<ClusterView> {
    return this.views.cluster(clusterId);
  }

  @Post('clusters/:clusterId/splits')
  @Roles('staff')
  @ApiOperation({ operationId: 'splitCluster', summary: 'Separate a wrong link: the identifier no longer links this case, now or later' })
  @ApiCreatedResponse({ type: SplitResultView })
  @ApiProblems(400, 404, 409, 415, 422)
  split(@Param('clusterId', uuidParam) clusterId: string, @Body() request: SplitRequestDto, @CurrentPrincipal() staff: Principal): Promise<SplitResultView> {
    return this.matching.split(staff, clusterId, request.caseId, request.identifier, request.reason);
  }
}

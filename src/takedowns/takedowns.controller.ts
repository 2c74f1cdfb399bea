import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { FollowUpDto, IssueTakedownsDto, ListTakedownsQuery, TakedownFeedQuery, TakedownStatisticsQuery } from './dto/takedown.dto.js';
import { CaseShareReuploadPageView, IssuedTakedownsView, ReuploadListView, TakedownPageView, TakedownStatisticsView, TakedownView } from './dto/takedown.view.js';
import { TakedownError } from './takedowns.errors.js';
import { TakedownsService } from './takedowns.service.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and issues nothing more' };

@ApiTags('takedowns')
@Controller()
@Roles('staff')
export class TakedownsController {
  constructor(private readonly takedowns: TakedownsService) {}

  @Post('v1/complaints/:complaintId/takedowns')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ operationId: 'issueComplaintTakedowns', summary: "Ask platforms to act on a complaint's listings, shops, pages, posts or accounts: one signed TakedownRequest per platform" })
  @ApiCreatedResponse({ type: IssuedTakedownsView })
  @ApiOkResponse({ type: IssuedTakedownsView, description: 'A retry with the same Idempotency-Key: the first answer' })
  @ApiProblems(400, 404, 415, 422)
  async issueForComplaint(
    @Param('complaintId', uuidParam) complaintId: string,
    @Body() request: IssueTakedownsDto,
    @CurrentPrincipal() staff: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<IssuedTakedownsView> {
    const result = await this.takedowns.issue(complaintId, request, staff, idempotencyKey);
    response.status(result.status);
    return result.body;
  }

  @Post('v1/takedowns')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ operationId: 'issueTakedowns', summary: 'Ask platforms to act on content with no complaint behind it (an illegal-website tip): one signed TakedownRequest per platform' })
  @ApiCreatedResponse({ type: IssuedTakedownsView })
  @ApiOkResponse({ type: IssuedTakedownsView, description: 'A retry with the same Idempotency-Key: the first answer' })
  @ApiProblems(400, 415, 422)
  async issue(
    @Body() request: IssueTakedownsDto,
    @CurrentPrincipal() staff: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<IssuedTakedownsView> {
    const result = await this.takedowns.issue(null, request, staff, idempotencyKey);
    response.status(result.status);
    return result.body;
  }

  @Get('v1/complaints/:complaintId/reuploads')
  @ApiOperation({ operationId: 'listReuploads', summary: "The complaint's identifiers that platforms reported taken down before: the content is back (follow up with POST /v1/takedowns/{id}/follow-up)" })
  @ApiOkResponse({ type: ReuploadListView })
  @ApiProblems(404)
  async reuploads(@Param('complaintId', uuidParam) complaintId: string): Promise<ReuploadListView> {
    return { reuploads: await this.takedowns.reuploads(complaintId) };
  }

  @Post('v1/takedowns/:takedownId/follow-up')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ operationId: 'followUpTakedown', summary: 'Ask the platform again for content that came back: a new request under the same basis, naming the one it follows' })
  @ApiCreatedResponse({ type: IssuedTakedownsView })
  @ApiOkResponse({ type: IssuedTakedownsView, description: 'A retry with the same Idempotency-Key: the first answer' })
  @ApiProblems(400, 404, 415, 422)
  async followUp(
    @Param('takedownId', uuidParam) takedownId: string,
    @Body() request: FollowUpDto,
    @CurrentPrincipal() staff: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<IssuedTakedownsView> {
    const result = await this.takedowns.followUp(takedownId, request, staff, idempotencyKey);
    response.status(result.status);
    return result.body;
  }

  @Get('v1/takedowns')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'listTakedowns', summary: 'Takedown requests, newest first; `overdue=true` is the work list of requests past their deadline' })
  @ApiOkResponse({ type: TakedownPageView })
  @ApiProblems(400, 422)
  async list(@Query() query: ListTakedownsQuery): Promise<TakedownPageView> {
    return this.takedowns.list({ status: query.status, platformId: query.platform, ...(query.overdue ? { overdue: query.overdue === 'true' } : {}) }, query.cursor, query.limit);
  }

  @Get('v1/takedowns/reuploads')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'listCaseShareReuploads', summary: "Content platforms reported taken down that partners' shared cases name again, newest first (a complaint's own: GET /v1/complaints/{id}/reuploads)" })
  @ApiOkResponse({ type: CaseShareReuploadPageView })
  @ApiProblems(400, 422)
  async caseShareReuploads(@Query() query: TakedownFeedQuery): Promise<CaseShareReuploadPageView> {
    return this.takedowns.caseShareReuploads(query.cursor, query.limit);
  }

  @Get('v1/takedowns/statistics')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'takedownStatistics', summary: 'Per platform: requests, targets, share completed before the deadline, time to action (median, p90), outcomes, refusal reasons' })
  @ApiOkResponse({ type: TakedownStatisticsView })
  @ApiProblems(400, 422)
  async statistics(@Query() query: TakedownStatisticsQuery): Promise<TakedownStatisticsView> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw new TakedownError('TAKEDOWN_INVALID', '`to` must be after `from`.', {}, [{ path: 'to', message: 'to must be after from' }]);
    return this.takedowns.statistics(from, to);
  }

  @Get('v1/takedowns/:takedownId')
  @Roles('staff', 'auditor')
  @ApiOperation({ operationId: 'getTakedown', summary: 'One takedown request, with the latest answer per target' })
  @ApiOkResponse({ type: TakedownView })
  @ApiProblems(404)
  async get(@Param('takedownId', uuidParam) takedownId: string): Promise<TakedownView> {
    return this.takedowns.get(takedownId);
  }
}

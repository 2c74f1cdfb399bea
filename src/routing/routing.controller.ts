import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { CreateRoutingRuleDto, RoutingFeedbackQuery } from './dto/routing.dto.js';
import { RoutingError } from './routing.errors.js';
import { RoutingFeedbackView, RoutingRuleListView, RoutingRuleView, RoutingSuggestionsView, toRoutingRuleView } from './dto/routing.view.js';
import { RoutingService } from './routing.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

@ApiTags('routing')
@Controller()
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Get('v1/complaints/:complaintId/routing')
  @Roles('staff')
  @ApiOperation({ operationId: 'suggestAgencies', summary: 'Agencies the routing rules suggest for a complaint, and the rule that matched' })
  @ApiOkResponse({ type: RoutingSuggestionsView })
  @ApiProblems(404)
  async suggest(@Param('complaintId', uuidParam) complaintId: string): Promise<RoutingSuggestionsView> {
    return { complaintId, suggestions: await this.routing.suggest(complaintId) };
  }

  @Get('v1/routing-rules')
  @Roles('admin', 'staff', 'auditor')
  @ApiOperation({ operationId: 'listRoutingRules', summary: 'The routing rules' })
  @ApiOkResponse({ type: RoutingRuleListView })
  async list(): Promise<RoutingRuleListView> {
    return { rules: (await this.routing.list()).map(toRoutingRuleView) };
  }

  @Get('v1/routing-rules/feedback')
  @Roles('admin', 'staff', 'auditor')
  @ApiOperation({ operationId: 'routingFeedback', summary: "How agencies answered the referrals each rule sent them: by status and by the reason codes of their feedback (StatusEvent reasonCode); rules that send cases to the wrong agency first" })
  @ApiOkResponse({ type: RoutingFeedbackView })
  @ApiProblems(400, 422)
  async feedback(@Query() query: RoutingFeedbackQuery): Promise<RoutingFeedbackView> {
    const [from, to] = [new Date(query.from), new Date(query.to)];
    if (to <= from) throw new RoutingError('ROUTING_PERIOD_INVALID', '`to` must be after `from`.', {}, [{ path: 'to', message: 'to must be after from' }]);
    return this.routing.feedback(from, to);
  }

  @Post('v1/routing-rules')
  @Roles('admin')
  @ApiOperation({ operationId: 'createRoutingRule', summary: 'Add a routing rule' })
  @ApiCreatedResponse({ type: RoutingRuleView })
  @ApiProblems(400, 415, 422)
  async create(@Body() request: CreateRoutingRuleDto): Promise<RoutingRuleView> {
    return toRoutingRuleView(await this.routing.create(request));
  }

  @Delete('v1/routing-rules/:ruleId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ operationId: 'deleteRoutingRule', summary: 'Remove a routing rule' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404)
  async remove(@Param('ruleId', new ParseIntPipe({ errorHttpStatusCode: 404 })) ruleId: number): Promise<void> {
    await this.routing.remove(ruleId);
  }
}

import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { DeliveryListView, DeliveryView, PausedEndpointListView, ResumedEndpointView, toDeliveryView } from './dto/delivery.view.js';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/roles.js';
import { ListDeliveriesQuery } from './dto/delivery.dto.js';
import { Outbox } from './outbox.service.js';

@ApiTags('delivery')
@Controller('v1/deliveries')
@Roles('staff', 'admin')
export class DeliveriesController {
  constructor(private readonly outbox: Outbox) {}

  @Get()
  @ApiOperation({ operationId: 'listDeliveries', summary: 'Pushes to partners, newest first; `status=dead` is the dead-letter list' })
  @ApiOkResponse({ type: DeliveryListView })
  async list(@Query() query: ListDeliveriesQuery): Promise<DeliveryListView> {
    const page = await this.outbox.list({ status: query.status, partnerId: query.partner }, query.cursor, query.limit ?? 100);
    return { deliveries: page.messages.map((message) => toDeliveryView(message)), nextCursor: page.nextCursor };
  }

  @Get('paused-endpoints')
  @ApiOperation({ operationId: 'listPausedEndpoints', summary: "Partners' endpoints whose pushes are paused (410 Gone, or too many failures in a row)" })
  @ApiOkResponse({ type: PausedEndpointListView })
  async paused(): Promise<PausedEndpointListView> {
    return { endpoints: (await this.outbox.pausedEndpoints()).map((endpoint) => ({ ...endpoint, pausedAt: endpoint.pausedAt.toISOString() })) };
  }

  @Post('paused-endpoints/:partnerId/resume')
  @HttpCode(200)
  @ApiOperation({ operationId: 'resumeEndpoint', summary: "Resume pushes to a partner's endpoint: those that waited go out at once" })
  @ApiOkResponse({ type: ResumedEndpointView })
  @ApiProblems(404)
  async resume(@Param('partnerId') partnerId: string, @CurrentPrincipal() staff: Principal): Promise<ResumedEndpointView> {
    return { partnerId, released: await this.outbox.resumeEndpoint(partnerId, staff) };
  }

  @Get(':deliveryId')
  @ApiOperation({ operationId: 'getDelivery', summary: 'One push with every attempt' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiProblems(404)
  async get(@Param('deliveryId') deliveryId: string): Promise<DeliveryView> {
    const message = await this.outbox.get(deliveryId);
    return toDeliveryView(message, await this.outbox.attempts(message.id));
  }

  @Post(':deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({ operationId: 'redeliver', summary: 'Put a dead delivery back in line' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiProblems(404, 409)
  async redeliver(@Param('deliveryId') deliveryId: string): Promise<DeliveryView> {
    return toDeliveryView(await this.outbox.redeliver(deliveryId));
  }
}

import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../access/current-principal.decorator.js';
import { partnerOf } from '../../access/partner-of.js';
import { Roles } from '../../access/roles.decorator.js';
import type { Principal } from '../../access/roles.js';
import { Scopes } from '../../access/scopes.decorator.js';
import { ApiProblems } from '../../common/api-problem.decorator.js';
import { jwsBody } from '../../common/jws-body.js';
import { RateLimited, RateLimitGuard } from '../../common/rate-limit.guard.js';
import { CaseSharesService } from './case-shares.service.js';
import { CaseShareReceiptView } from './dto/case-share.view.js';

@ApiTags('partner')
@Controller('v1/partner/cases')
@Roles('partner', 'platform')
@UseGuards(RateLimitGuard)
@RateLimited({ bucket: 'partner-api', windowMs: 60_000, limitSetting: 'PARTNER_RATE_PER_MINUTE' })
export class CaseSharesController {
  constructor(private readonly caseShares: CaseSharesService) {}

  @Post()
  @Scopes('cases:write')
  @ApiConsumes('application/jose')
  @ApiBody({ description: 'A CaseShare signed with one of your registered keys (see /v1/schemas/case-share)', schema: { $ref: '#/components/schemas/OcxCaseShareJws' } })
  @ApiOperation({ operationId: 'shareCase', summary: 'Share a case you received directly, so that cross-agency duplicates can be found' })
  @ApiCreatedResponse({ type: CaseShareReceiptView })
  @ApiOkResponse({ type: CaseShareReceiptView, description: 'This exact CaseShare was already received' })
  @ApiProblems(400, 403, 409, 415, 422, 429)
  async share(@Body() jws: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<CaseShareReceiptView> {
    const accepted = await this.caseShares.receive(partnerOf(principal), jwsBody(jws, 'the signed CaseShare'));
    response.status(accepted.replay ? 200 : 201);
    return {
      documentId: accepted.receipt.documentId,
      partnerCaseNumber: accepted.document.partnerCaseNumber,
      subjects: accepted.document.subjects.length,
      receivedAt: accepted.receipt.receivedAt.toISOString(),
      replay: accepted.replay,
      referralId: accepted.referralId ?? null,
      ...(accepted.matching ? { indexed: accepted.matching.indexed, unusable: accepted.matching.unusable } : {}),
    };
  }
}

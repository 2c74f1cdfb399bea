import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { partnerOf } from '../access/partner-of.js';
import { jwsBody } from '../common/jws-body.js';
import { DOCUMENT_NAMES, isDocumentName } from '../standard/codes.js';
import { InboundDocumentsService } from './inbound-documents.service.js';
import { StandardError } from '../standard/standard.errors.js';
import { ConformanceReceiptView } from './dto/conformance.view.js';

/**
 * Lets a partner's developers check their signed documents against the hub
 * before going live: the same checks as the live routes, stored apart.
 */
@ApiTags('standard')
@Controller('v1/conformance')
export class ConformanceController {
  constructor(private readonly inbound: InboundDocumentsService) {}

  @Post(':name')
  @Roles('partner', 'platform')
  @ApiConsumes('application/jose')
  @ApiParam({ name: 'name', enum: DOCUMENT_NAMES.filter((name) => name === 'status-event' || name === 'takedown-response' || name === 'case-share') })
  @ApiBody({ description: 'The document as a JWS in compact serialisation (ES256, kid, typ, iat in the protected header). See /v1/schemas/{name}.', schema: { oneOf: ['OcxStatusEventJws', 'OcxTakedownResponseJws', 'OcxCaseShareJws'].map((name) => ({ $ref: `#/components/schemas/${name}` })) } })
  @ApiOperation({ operationId: 'checkSignedDocument', summary: 'Verify a signed document as the hub would: signature, key, time, schema, replay' })
  @ApiCreatedResponse({ type: ConformanceReceiptView, description: 'Accepted and stored as received' })
  @ApiOkResponse({ type: ConformanceReceiptView, description: 'This exact JWS was already received' })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  async check(
    @Param('name') name: string,
    @Body() jws: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<ConformanceReceiptView> {
    if (!isDocumentName(name)) throw new StandardError('SCHEMA_NOT_FOUND', `There is no OCX v1 document "${name}".`);
    const accepted = await this.inbound.receive(name, jwsBody(jws, 'the signed document'), partnerOf(principal).partnerId, 'conformance');
    response.status(accepted.replay ? 200 : 201);
    return {
      documentId: accepted.receipt.documentId,
      documentType: accepted.receipt.documentType,
      kid: accepted.receipt.kid,
      receivedAt: accepted.receipt.receivedAt.toISOString(),
      replay: accepted.replay,
    };
  }
}

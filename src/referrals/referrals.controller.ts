import { Body, Controller, Get, Header, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { AmendComplaintDto, DispatchReferralsDto, InformationAnswerDto, ListReferralsQuery, ReferralPreviewQuery, parseDataClassChoice } from './dto/referral.dto.js';
import { DispatchResultView, ReferralListView, ReferralPreviewListView, ReferralView, TimelineView, toReferralView } from './dto/referral.view.js';
import { ReferralError } from './referrals.errors.js';
import { ReferralsService } from './referrals.service.js';
import { uuidParam } from '../common/uuid.pipe.js';


@ApiTags('referrals')
@Controller()
@Roles('staff')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('v1/complaints/:complaintId/referrals')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and dispatches nothing more' })
  @ApiOperation({ operationId: 'dispatchReferrals', summary: 'Refer a complaint to agencies: one signed Referral each, pushed or left for their feed' })
  @ApiCreatedResponse({ type: DispatchResultView })
  @ApiProblems(400, 404, 409, 415, 422)
  async dispatch(
    @Param('complaintId', uuidParam) complaintId: string,
    @Body() request: DispatchReferralsDto,
    @CurrentPrincipal() staff: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<DispatchResultView> {
    const result = await this.referrals.dispatch(complaintId, request, staff, idempotencyKey);
    response.status(result.status);
    return result.body;
  }

  @Get('v1/complaints/:complaintId/referral-preview')
  @ApiOperation({ operationId: 'previewReferrals', summary: 'Before dispatching: what each agency would receive (the Referral as it would be built now, unsigned), what is disclosed and what withheld' })
  @ApiOkResponse({ type: ReferralPreviewListView })
  @ApiProblems(400, 404, 422)
  preview(@Param('complaintId', uuidParam) complaintId: string, @Query() query: ReferralPreviewQuery): Promise<ReferralPreviewListView> {
    return this.referrals.preview(
      complaintId,
      query.partners.split(','),
      query.complainantFields === undefined ? undefined : query.complainantFields.split(',').filter(Boolean),
      query.dataClasses === undefined ? undefined : parseDataClassChoice(query.dataClasses),
    );
  }

  @Post('v1/complaints/:complaintId/amendments')
  @ApiOperation({ operationId: 'amendComplaint', summary: 'Change a dispatched complaint: every open referral gets a new signed version, delivered like the first' })
  @ApiCreatedResponse({ type: DispatchResultView, description: 'The referrals that received a new version' })
  @ApiProblems(400, 404, 409, 415, 422)
  amend(@Param('complaintId', uuidParam) complaintId: string, @Body() request: AmendComplaintDto, @CurrentPrincipal() staff: Principal): Promise<DispatchResultView> {
    return this.referrals.amend(complaintId, request, staff);
  }

  @Get('v1/complaints/:complaintId/timeline')
  @ApiOperation({ operationId: 'getTimeline', summary: 'Every referral of the complaint with its status history' })
  @ApiOkResponse({ type: TimelineView })
  @ApiProblems(404)
  timeline(@Param('complaintId', uuidParam) complaintId: string): Promise<TimelineView> {
    return this.referrals.timeline(complaintId);
  }

  @Get('v1/referrals')
  @ApiOperation({ operationId: 'listReferrals', summary: 'Referrals by status and agency, longest waiting first; awaitingAnswer=true is the work list of questions from agencies' })
  @ApiOkResponse({ type: ReferralListView })
  async list(@Query() query: ListReferralsQuery): Promise<ReferralListView> {
    const page = await this.referrals.list(query.status, query.partner, query.cursor, query.limit ?? 100, query.awaitingAnswer === 'true');
    return { referrals: page.referrals.map((referral) => toReferralView(referral)), nextCursor: page.nextCursor };
  }

  @Post('v1/referrals/:referralId/information')
  @ApiOperation({ operationId: 'answerInformationRequest', summary: "Answer an agency's request for information: it receives a new version of the referral" })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiProblems(400, 404, 409, 415, 422)
  answer(@Param('referralId', uuidParam) referralId: string, @Body() request: InformationAnswerDto, @CurrentPrincipal() staff: Principal): Promise<ReferralView> {
    return this.referrals.answerInformationRequest(referralId, request.text, staff);
  }

  @Post('v1/referrals/:referralId/transfer-confirmation')
  @ApiOperation({ operationId: 'confirmTransfer', summary: 'Confirm an agency\'s transfer: the case is dispatched to the agency it named' })
  @ApiCreatedResponse({ type: DispatchResultView })
  @ApiProblems(404, 409, 422)
  confirmTransfer(@Param('referralId', uuidParam) referralId: string, @CurrentPrincipal() staff: Principal): Promise<DispatchResultView> {
    return this.referrals.confirmTransfer(referralId, staff);
  }

  @Get('v1/referrals/:referralId/document')
  @Header('Content-Type', 'application/jose')
  @ApiProduces('application/jose')
  @ApiOperation({ operationId: 'getSignedReferral', summary: 'The latest Referral document exactly as the hub signed it (JWS)' })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/OcxReferralJws' } })
  @ApiProblems(404)
  async document(@Param('referralId', uuidParam) referralId: string): Promise<string> {
    const jws = await this.referrals.signedDocument(referralId);
    if (jws === null) throw new ReferralError('REFERRAL_NOT_FOUND', `There is no referral ${referralId}.`);
    return jws;
  }
}

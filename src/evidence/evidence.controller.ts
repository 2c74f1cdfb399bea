import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { UploadEvidenceQuery } from './dto/evidence.dto.js';
import { EvidenceListView, EvidenceView, toEvidenceView } from './dto/evidence.view.js';
import { ApiEvidenceDownload, evidenceResponse } from './evidence-response.js';
import { AuditService } from '../audit/audit.service.js';
import { EvidenceService } from './evidence.service.js';
import { uuidParam } from '../common/uuid.pipe.js';


@ApiTags('evidence')
@Controller('v1/complaints/:complaintId/evidence')
@Roles('staff')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiConsumes('application/octet-stream')
  @ApiBody({ description: 'The file\'s bytes. Its type is sniffed from the content; the limit is EVIDENCE_MAX_BYTES.', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ operationId: 'uploadEvidence', summary: 'Stream one evidence file into storage (hashed on the way)' })
  @ApiCreatedResponse({ type: EvidenceView, description: 'Stored' })
  @ApiOkResponse({ type: EvidenceView, description: 'The same file was already attached to this complaint' })
  @ApiProblems(404, 413, 415, 422)
  async upload(
    @Param('complaintId', uuidParam) complaintId: string,
    @Query() query: UploadEvidenceQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
    @CurrentPrincipal() staff: Principal,
  ): Promise<EvidenceView> {
    const length = request.headers['content-length'];
    const { item, created } = await this.evidence.upload(
      { complaintId, kind: query.kind, filename: query.filename, body: request.raw, ...(length ? { declaredLength: Number(length) } : {}) },
      staff,
    );
    response.status(created ? 201 : 200);
    return toEvidenceView(item);
  }

  @Get()
  @ApiOperation({ operationId: 'listEvidence', summary: "A complaint's evidence files" })
  @ApiOkResponse({ type: EvidenceListView })
  async list(@Param('complaintId', uuidParam) complaintId: string): Promise<EvidenceListView> {
    return { evidence: (await this.evidence.list(complaintId)).map(toEvidenceView) };
  }

  @Get(':evidenceId')
  @ApiOperation({ operationId: 'getEvidence', summary: 'One evidence item (metadata)' })
  @ApiOkResponse({ type: EvidenceView })
  @ApiProblems(404)
  async get(@Param('complaintId', uuidParam) complaintId: string, @Param('evidenceId', uuidParam) evidenceId: string): Promise<EvidenceView> {
    return toEvidenceView(await this.evidence.get(complaintId, evidenceId));
  }

  @Get(':evidenceId/content')
  @ApiOperation({ operationId: 'downloadEvidence', summary: 'The file itself; supports Range; Repr-Digest carries its SHA-256' })
  @ApiEvidenceDownload()
  @ApiProblems(404, 416)
  async download(
    @Param('complaintId', uuidParam) complaintId: string,
    @Param('evidenceId', uuidParam) evidenceId: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
    @CurrentPrincipal() staff: Principal,
  ): Promise<StreamableFile> {
    const item = await this.evidence.get(complaintId, evidenceId);
    await this.audit.record(staff, { action: 'evidence.downloaded', subjectType: 'evidence', subjectId: evidenceId, details: { complaintId, sha256: item.sha256, range: range ?? null } });
    return evidenceResponse(await this.evidence.content(item, range), response);
  }

  @Delete(':evidenceId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteEvidence', summary: 'Remove a file, only before the complaint is dispatched' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404, 409)
  async remove(@Param('complaintId', uuidParam) complaintId: string, @Param('evidenceId', uuidParam) evidenceId: string): Promise<void> {
    await this.evidence.remove(complaintId, evidenceId);
  }
}

import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { parseTilePath } from '@ocx/transparency-log';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import { Public } from '../access/public.decorator.js';
import { Roles } from '../access/roles.decorator.js';
import type { Principal } from '../access/roles.js';
import { ApiProblems } from '../common/api-problem.decorator.js';
import { AuditError } from './audit.errors.js';
import { AuditService } from './audit.service.js';
import { CheckpointQuery, ConsistencyQuery, InclusionQuery, RegisterWitnessDto } from './dto/audit.dto.js';
import {
  CheckpointPageView, ConsistencyProofView, CosignatureView, InclusionProofView, LogKeysView, SequencedView, WitnessListView, WitnessView,
} from './dto/audit.view.js';
import { LogSequencer } from './log-sequencer.js';
import { TransparencyLog } from './transparency-log.service.js';

const TILE_PREFIX = '/v1/audit/log/tile/';

/**
 * The audit log as a transparency log: signed checkpoints, tiles and proofs that anyone can hold the hub to
 * (c2sp.org/tlog-checkpoint, tlog-tiles). Checkpoints, hash tiles and consistency proofs are public: they are
 * hashes. Entries (the bundles and inclusion proofs) go to auditors and admins, and to a partner for the entries
 * that name it.
 */
@ApiTags('audit')
@Controller('v1/audit/log')
export class TransparencyLogController {
  constructor(
    private readonly log: TransparencyLog,
    private readonly sequencer: LogSequencer,
    private readonly audit: AuditService,
  ) {}

  @Get('checkpoint')
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'getAuditCheckpoint', summary: 'The latest signed checkpoint (a C2SP signed note), with the witnesses\' cosignatures. Public.' })
  @ApiOkResponse({ description: 'The signed note', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(404)
  async checkpoint(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const note = await this.log.latestCheckpoint();
    if (!note) throw new AuditError('LOG_CHECKPOINT_NOT_FOUND', 'The hub has not signed its first checkpoint yet; it does within a second of starting.');
    response.type('text/plain; charset=utf-8');
    return note;
  }

  @Get('checkpoints')
  @Public()
  @ApiOperation({ operationId: 'listAuditCheckpoints', summary: 'Every checkpoint the hub signed, newest first. Public.' })
  @ApiOkResponse({ type: CheckpointPageView })
  @ApiProblems(400)
  checkpoints(@Query() query: CheckpointQuery): Promise<CheckpointPageView> {
    const before = query.cursor === undefined ? undefined : Number(query.cursor);
    if (before !== undefined && !Number.isSafeInteger(before)) throw new AuditError('LOG_CHECKPOINT_NOT_FOUND', 'The cursor is the nextCursor of an earlier page.');
    return this.log.checkpoints(before, query.limit ?? 100);
  }

  @Get('checkpoints/:treeSize')
  @Public()
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'getAuditCheckpointAt', summary: 'The checkpoint of one tree size, as signed, with its cosignatures. Public.' })
  @ApiOkResponse({ description: 'The signed note', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async checkpointAt(@Param('treeSize', ParseIntPipe) treeSize: number, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const note = await this.log.checkpointAt(treeSize);
    response.type('text/plain; charset=utf-8');
    return note;
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'signAuditCheckpoint', summary: 'Sequence what is committed and sign a checkpoint now if the log grew (before a committee meeting, say). Roles: admin.' })
  @ApiOkResponse({ type: SequencedView })
  async signNow(): Promise<SequencedView> {
    const round = await this.sequencer.sequenceAndSign();
    return { sequenced: round.sequenced, treeSize: round.size, ...(round.checkpoint !== undefined ? { checkpoint: round.checkpoint } : {}) };
  }

  @Get('keys')
  @Public()
  @ApiOperation({ operationId: 'getAuditLogKeys', summary: 'The log\'s origin and the verifier keys of every key that signed its checkpoints. Public.' })
  @ApiOkResponse({ type: LogKeysView })
  @ApiProblems(400)
  async keys(): Promise<LogKeysView> {
    return { origin: this.log.origin, keys: await this.log.verifierKeys() };
  }

  @Get('tile/entries/*')
  @Roles('auditor', 'admin')
  @ApiProduces('application/octet-stream')
  @ApiParam({ name: 'path', description: 'tlog-tiles path after `tile/entries/`: `<N>[.p/<W>]` (several path segments, sent as they are)', example: 'x001/234.p/17' })
  @ApiOperation({ operationId: 'getAuditEntryBundle', summary: 'An entry bundle (c2sp.org/tlog-tiles): up to 256 entries, each as a big-endian uint16 length and its canonical JSON. Roles: auditor, admin.' })
  @ApiOkResponse({ description: 'The bundle', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 403, 404)
  async entryBundle(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<Buffer> {
    const tile = tileOf(request.url);
    if (!tile || tile.level !== 'entries') throw new AuditError('LOG_TILE_NOT_FOUND', 'Entry bundles are at tile/entries/<N>[.p/<W>] (c2sp.org/tlog-tiles).');
    const body = await this.log.entryBundle(tile.index, tile.width);
    response.type('application/octet-stream');
    response.header('Cache-Control', 'private, max-age=31536000, immutable');
    return body;
  }

  @Get('tile/*')
  @Public()
  @ApiProduces('application/octet-stream')
  @ApiParam({ name: 'path', description: 'tlog-tiles path after `tile/`: `<L>/<N>[.p/<W>]` (several path segments, sent as they are)', example: '0/x001/234.p/17' })
  @ApiOperation({ operationId: 'getAuditTile', summary: 'A hash tile of the log (c2sp.org/tlog-tiles): up to 256 32-byte hashes. Its content never changes: cached for a year. Public.' })
  @ApiOkResponse({ description: 'The tile', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404)
  async tile(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<Buffer> {
    const tile = tileOf(request.url);
    if (!tile || tile.level === 'entries') throw new AuditError('LOG_TILE_NOT_FOUND', 'Tiles are at tile/<L>/<N>[.p/<W>] (c2sp.org/tlog-tiles).');
    const body = await this.log.tile(tile.level, tile.index, tile.width);
    response.type('application/octet-stream');
    // A partial tile is followed by wider ones, but what it holds never changes.
    response.header('Cache-Control', 'public, max-age=31536000, immutable');
    return body;
  }

  @Get('proofs/inclusion')
  @Roles('auditor', 'admin', 'partner')
  @ApiOperation({ operationId: 'getAuditInclusionProof', summary: 'That an entry is in the log: the entry, its index and its audit path against a signed checkpoint. A partner gets proofs of the entries that name it. Roles: auditor, admin, partner.' })
  @ApiOkResponse({ type: InclusionProofView })
  @ApiProblems(400, 404, 409)
  inclusion(@Query() query: InclusionQuery, @CurrentPrincipal() principal: Principal): Promise<InclusionProofView> {
    if ((query.index === undefined) === (query.documentSha256 === undefined)) {
      throw new AuditError('LOG_ENTRY_NOT_FOUND', 'Name the entry by index or by documentSha256 (one of the two).');
    }
    return this.log.inclusion({ index: query.index, documentSha256: query.documentSha256 }, query.treeSize, principal);
  }

  @Get('proofs/consistency')
  @Public()
  @ApiOperation({ operationId: 'getAuditConsistencyProof', summary: 'That the tree of `second` entries extends the tree of `first` (RFC 6962). Public.' })
  @ApiOkResponse({ type: ConsistencyProofView })
  @ApiProblems(400, 422)
  consistency(@Query() query: ConsistencyQuery): Promise<ConsistencyProofView> {
    return this.log.consistency(query.first, query.second);
  }

  @Get('witnesses')
  @Public()
  @ApiOperation({ operationId: 'listAuditWitnesses', summary: 'The witnesses whose cosignatures the hub keeps. Public.' })
  @ApiOkResponse({ type: WitnessListView })
  @ApiProblems(400)
  async witnesses(): Promise<WitnessListView> {
    return { witnesses: await this.log.witnesses() };
  }

  @Put('witnesses')
  @Roles('admin')
  @ApiOperation({ operationId: 'registerAuditWitness', summary: 'Register a witness (another agency, the committee) by its verifier key; the same name again replaces its key. Roles: admin.' })
  @ApiOkResponse({ type: WitnessView })
  @ApiProblems(400, 422)
  async registerWitness(@Body() body: RegisterWitnessDto, @CurrentPrincipal() admin: Principal): Promise<WitnessView> {
    const witness = await this.log.registerWitness(body.verifierKey, admin);
    await this.audit.record(admin, { action: 'audit_witness.registered', subjectType: 'audit_witness', subjectId: witness.name });
    return witness;
  }

  @Post('cosignatures')
  @Public()
  @ApiConsumes('text/plain')
  @ApiBody({ description: 'The checkpoint as served, with the witness\'s signature line added (c2sp.org/signed-note)', schema: { type: 'string' } })
  @ApiOperation({ operationId: 'postAuditCosignature', summary: 'A witness cosigns a checkpoint it checked. Authenticated by the cosignature itself: a registered witness\'s key. 409 when the hub never signed that tree.' })
  @ApiOkResponse({ type: CosignatureView })
  @ApiProblems(400, 403, 409, 415, 422)
  @HttpCode(200)
  async cosign(@Body() note: unknown): Promise<CosignatureView> {
    if (typeof note !== 'string') throw new AuditError('COSIGNED_CHECKPOINT_INVALID', 'Send the cosigned checkpoint as text/plain.');
    try {
      const cosigned = await this.log.addCosignature(note);
      await this.audit.record({ subject: cosigned.witness, role: 'witness' }, { action: 'audit_checkpoint.cosigned', subjectType: 'audit_checkpoint', subjectId: String(cosigned.treeSize) });
      return { witness: cosigned.witness, treeSize: cosigned.treeSize };
    } catch (error) {
      if (error instanceof AuditError && error.code === 'CHECKPOINT_INCONSISTENT') {
        // The most important thing a witness can say (a registered one: its cosignature verified): record it.
        await this.audit.record({ subject: String(error.extensions.witness), role: 'witness' }, { action: 'audit_checkpoint.inconsistent', subjectType: 'audit_checkpoint', outcome: 'refused', details: { detail: error.message.slice(0, 300) } });
      }
      throw error;
    }
  }
}

function tileOf(url: string): ReturnType<typeof parseTilePath> {
  const path = url.split('?')[0]!;
  return path.startsWith(TILE_PREFIX) ? parseTilePath(path.slice(TILE_PREFIX.length)) : undefined;
}

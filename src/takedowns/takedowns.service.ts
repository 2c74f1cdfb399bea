import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CaseSharesService } from '../matching/case-shares/case-shares.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { PartnerPrincipal, Principal } from '../access/roles.js';
import { AuditService, HUB_ACTOR } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/ids.js';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import { keysetPageByTime } from '../common/keyset-page.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { Outbox } from '../delivery/outbox.service.js';
import { EvidenceService, type EvidenceContent } from '../evidence/evidence.service.js';
import { idempotentRequest, replayOf, type EarlierUse, type IdempotentRequest } from '../idempotency/idempotency.js';
import { EARLIER_USE, REMEMBER_ANSWER } from '../idempotency/idempotency.sql.js';
import { InboundDocumentsService } from '../inbound/inbound-documents.service.js';
import { LegalBasesService } from '../legal-bases/legal-bases.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { SigningService } from '../signing/signing.service.js';
import type { TakedownOutcome } from '../standard/codes.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import type { FollowUpDto, IssueTakedownsDto, TakedownTargetDto } from './dto/takedown.dto.js';
import { toTakedownView, type CaseShareReuploadView, type IssuedTakedownsView, type ReuploadView, type TakedownStatisticsView, type TakedownView } from './dto/takedown.view.js';
import { placeTarget } from './takedown-targets.js';
import { rollUp, supersedes, TAKEN_DOWN } from './takedown-status.js';
import { TakedownTarget } from './takedown-target.entity.js';
import { Takedown, type TakedownLegalBasis } from './takedown.entity.js';
import { TakedownError } from './takedowns.errors.js';
import { CASE_SHARE_REUPLOADS, CLAIM_CHECKS, LATE_TAKEDOWNS, RECORD_REUPLOAD, TAKEDOWN_PROGRESS, MARK_OVERDUE, RECORD_CHECK, TAKEDOWN_FIGURES, TAKEN_DOWN_MATCHING } from './takedowns.sql.js';
import { Settings } from '../config/settings.js';
import { parseRetrySchedule } from '../delivery/retry-schedule.js';
import { normaliseIdentifier } from '../matching/identifiers/index.js';

const DEFAULT_PAGE = 100;
/** Outcomes after which the content should be gone: the re-check fetches it to see. */
const RECHECKED: TakedownOutcome[] = ['removed', 'already_removed', 'account_suspended'];
/** Asia/Bangkok: a legal basis is in force by the Thai calendar day. */
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;

interface ResponseOutcome {
  targetId: string;
  outcome: TakedownOutcome;
  actedAt?: string;
  reasonCode?: string;
  reason?: string;
  platformRef?: string;
}

interface TakedownResponseDocument {
  id: string;
  issuedAt: string;
  takedownId: string;
  platform: string;
  outcomes: ResponseOutcome[];
}

/**
 * Takedown requests to platforms: issued by staff under a legal basis (one signed
 * TakedownRequest per platform), pulled or pushed, answered per target by signed
 * TakedownResponses, followed to their deadlines.
 */
@Injectable()
export class TakedownsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly legalBases: LegalBasesService,
    private readonly partners: PartnersService,
    private readonly complaints: ComplaintsService,
    private readonly evidence: EvidenceService,
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly outbox: Outbox,
    private readonly inbound: InboundDocumentsService,
    private readonly audit: AuditService,
    private readonly settings: Settings,
    private readonly caseShares: CaseSharesService,
  ) {
    this.recheckSchedule = parseRetrySchedule(settings.TAKEDOWN_RECHECK_SCHEDULE)!;
  }

  /** Delays before each re-check of content reported removed. */
  private readonly recheckSchedule: number[];

  onModuleInit(): void {
    // A partner's shared case that names content reported taken down: flagged for staff, in the case's transaction.
    this.caseShares.onCaseShared(async (manager, share) => {
      const taken = await this.takenDownMatching(manager, share.subjects);
      for (const row of taken) await manager.query(RECORD_REUPLOAD, [row.takedownId, row.targetId, share.partnerId, share.partnerCaseNumber, this.clock.now()]);
    });
  }

  /** Re-uploads found in partners' shared cases, newest first, a page at a time. */
  async caseShareReuploads(cursor: string | undefined, limit = DEFAULT_PAGE): Promise<{ reuploads: CaseShareReuploadView[]; nextCursor: string | null }> {
    const rows = (await this.dataSource.query(CASE_SHARE_REUPLOADS, [cursor ? sequenceAfter('u', cursor) : null, limit + 1])) as Array<{
      seq: string; takedownId: string; targetId: string; partnerId: string; partnerCaseNumber: string; foundAt: Date; url: string | null; outcome: string; actedAt: Date | null; platformId: string;
    }>;
    const page = pageOf(rows, limit, (last) => encodeCursor('u', last.seq));
    return {
      reuploads: page.rows.map((row) => ({
        takedownId: row.takedownId, targetId: row.targetId, url: row.url, platformId: row.platformId, outcome: row.outcome, actedAt: row.actedAt ? new Date(row.actedAt).toISOString() : null,
        partnerId: row.partnerId, partnerCaseNumber: row.partnerCaseNumber, foundAt: new Date(row.foundAt).toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Targets reported taken down that these reported identifiers name again. */
  private async takenDownMatching(manager: EntityManager, subjects: ReadonlyArray<{ type: string; value: string; bank?: string }>): Promise<Array<{ canonical: string; value: string; takedownId: string; targetId: string; url: string | null; outcome: string; actedAt: Date | null; platformId: string; complaintId: string | null }>> {
    const reported = new Map<string, string>();
    for (const subject of subjects) {
      const normalised = normaliseIdentifier(subject as Parameters<typeof normaliseIdentifier>[0]);
      if (normalised.ok) reported.set(`${normalised.identifier.kind}:${normalised.identifier.value}`, subject.value);
    }
    if (reported.size === 0) return [];
    const rows = (await manager.query(TAKEN_DOWN_MATCHING, [[...reported.keys()], TAKEN_DOWN])) as Array<{ canonical: string; takedownId: string; targetId: string; url: string | null; outcome: string; actedAt: Date | null; platformId: string; complaintId: string | null }>;
    return rows.map((row) => ({ ...row, value: reported.get(row.canonical)! }));
  }

  /**
   * Issues takedowns: the targets are checked and placed (all or none: one bad target
   * refuses the batch), grouped by platform, and each group becomes a signed
   * TakedownRequest, stored, queued for a platform that takes pushes, and audited, in one
   * transaction. A retry with the same Idempotency-Key gets the first answer.
   */
  async issue(complaintId: string | null, request: IssueTakedownsDto, staff: Principal, idempotencyKey?: string): Promise<{ status: number; body: IssuedTakedownsView }> {
    const idempotent = idempotencyKey ? idempotentRequest(staff.subject, idempotencyKey, `takedowns:${complaintId ?? 'stand-alone'}`, request) : undefined;
    const replay = idempotent ? await this.replay(idempotent) : null;
    if (replay) return replay;
    const now = this.clock.now();
    const basis = await this.legalBases.inForce(request.legalBasis.code, new Date(now.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10));
    const basisProblems = [
      ...(basis.allowedActions.includes(request.requestedAction) ? [] : [{
        path: 'requestedAction',
        message: request.requestedAction === 'disclose_identity'
          ? 'disclose_identity is asked only under a court order (cca_s20_court_order, Computer Crime Act s.20)'
          : `${basis.code} version ${basis.version} does not allow ${request.requestedAction}; it allows ${basis.allowedActions.join(', ')}`,
      }]),
      ...basis.requiredFields.filter((field) => !(request.legalBasis as unknown as Record<string, unknown>)[field]).map((field) => ({ path: `legalBasis.${field}`, message: `legalBasis.${field} is required under ${basis.code}` })),
    ];
    if (basisProblems.length > 0) throw new TakedownError('TAKEDOWN_INVALID', basisProblems.map((problem) => problem.message).join('; '), {}, basisProblems);

    const complaint = complaintId === null ? null : await this.complaints.get(complaintId);
    const files = complaint ? await this.evidence.list(complaint.id) : [];
    if (!complaint && request.evidence) throw new TakedownError('TAKEDOWN_INVALID', 'A stand-alone takedown has no complaint whose evidence it could list.', {}, [{ path: 'evidence', message: 'evidence is only for a takedown issued from a complaint' }]);
    const unknownFiles = (request.evidence ?? []).filter((id) => !files.some((file) => file.id === id));
    if (unknownFiles.length > 0) throw new TakedownError('TAKEDOWN_INVALID', `The complaint has no evidence ${unknownFiles.join(', ')}.`, {}, unknownFiles.map(() => ({ path: 'evidence', message: 'evidence must name files of this complaint' })));
    const manifest = (request.evidence ? files.filter((file) => request.evidence!.includes(file.id)) : files)
      .map((file) => ({ id: file.id, kind: file.kind, sha256: file.sha256, size: Number(file.size), mediaType: file.mediaType, filename: file.filename }));
    if (request.follows !== undefined && !(await this.dataSource.getRepository(Takedown).existsBy({ id: request.follows }))) {
      throw new TakedownError('TAKEDOWN_INVALID', `There is no takedown ${request.follows} to follow up.`, {}, [{ path: 'follows', message: 'follows must name an earlier takedown' }]);
    }

    const groups = await this.placeTargets(request);
    const legalBasis: TakedownLegalBasis = {
      code: basis.code, version: basis.version,
      ...Object.fromEntries(['court', 'orderNumber', 'orderDate', 'issuingAuthority', 'reference'].flatMap((field) => {
        const value = (request.legalBasis as unknown as Record<string, string | undefined>)[field];
        return value === undefined ? [] : [[field, value]];
      })),
    };
    const deadline = this.legalBases.deadlineOf(basis, request.requestedAction, now);
    const issued: Array<{ takedown: Takedown; targets: TakedownTarget[] }> = [];
    for (const [platformId, targets] of groups) {
      const takedown = this.dataSource.getRepository(Takedown).create({
        id: randomUUID(), platformId, complaintId: complaint?.id ?? null, status: 'open', legalBasisCode: basis.code, legalBasisVersion: basis.version, legalBasis,
        requestedAction: request.requestedAction, deadline, overdueAt: null, documentId: randomUUID(), follows: request.follows ?? null, createdBy: staff.subject, createdAt: now, updatedAt: now,
      });
      const rows = targets.map((target) => this.dataSource.getRepository(TakedownTarget).create({
        takedownId: takedown.id, targetId: target.targetId, kind: target.kind, url: target.url ?? null, platformRef: target.platformRef ?? null, canonical: target.canonical,
        outcome: null, reasonCode: null, reason: null, actedAt: null, platformCaseRef: null, answeredAt: null, answerIssuedAt: null, answerDocumentId: null,
      }));
      const document = {
        type: 'ocx.takedown-request', ocxVersion: '1.1', id: takedown.documentId, issuedAt: now.toISOString(), takedownId: takedown.id, platform: platformId,
        ...(complaint ? { referenceCode: complaint.referenceCode } : {}),
        legalBasis, requestedAction: request.requestedAction,
        targets: rows.map((row) => ({ targetId: row.targetId, kind: row.kind, ...(row.url ? { url: row.url } : {}), ...(row.platformRef ? { platformRef: row.platformRef } : {}) })),
        deadline: deadline.toISOString(),
        statementOfReasons: { ground: request.statementOfReasons.ground, explanation: request.statementOfReasons.explanation.normalize('NFC') },
        territorialScope: ['TH'],
        ...(manifest.length > 0 ? { evidence: manifest } : {}),
        ...(request.note ? { note: request.note.normalize('NFC') } : {}),
        ...(request.follows ? { follows: request.follows } : {}),
      };
      const validation = this.schemas.validate('takedown-request', document);
      // A hub-built document that breaks the published schema is a bug, never something to send.
      if (!validation.valid) throw new Error(`built takedown request does not validate: ${validation.errors.map((error) => error.message).join('; ')}`);
      takedown.jws = this.signing.sign('takedown-request', document, now);
      issued.push({ takedown, targets: rows });
    }
    const body: IssuedTakedownsView = { takedowns: issued.map(({ takedown, targets }) => toTakedownView(takedown, targets, now, 'staff')) };
    try {
      await this.dataSource.transaction(async (manager) => {
        const endpoints = await this.partners.pushEndpoints(manager, issued.map(({ takedown }) => takedown.platformId));
        for (const { takedown, targets } of issued) {
          await manager.getRepository(Takedown).insert(takedown);
          await manager.getRepository(TakedownTarget).insert(targets);
        }
        await this.outbox.enqueue(manager, issued.flatMap(({ takedown }) => {
          const endpointUrl = endpoints.get(takedown.platformId);
          return endpointUrl ? [{ id: randomUUID(), referralId: null, partnerId: takedown.platformId, documentType: 'ocx.takedown-request', endpointUrl, payload: takedown.jws }] : [];
        }));
        await this.audit.record(staff, issued.map(({ takedown, targets }) => ({
          action: 'takedown.issued', subjectType: 'takedown', subjectId: takedown.id, partnerId: takedown.platformId,
          details: { documentId: takedown.documentId, legalBasis: `${takedown.legalBasisCode}@${takedown.legalBasisVersion}`, action: takedown.requestedAction, targets: targets.length, complaintId: takedown.complaintId },
        })), manager);
        if (idempotent) await manager.query(REMEMBER_ANSWER, [idempotent.actor, idempotent.key, idempotent.route, idempotent.requestSha256, 201, JSON.stringify(body)]);
      });
    } catch (error) {
      // A concurrent request with the same key was first: its answer is this one's.
      if (idempotent && isUniqueViolation(error, 'idempotency_record_pkey')) return (await this.replay(idempotent))!;
      throw error;
    }
    return { status: 201, body };
  }

  /** Staff's list, newest first; `overdue` keeps requests past their deadline and not completed. */
  async list(filter: { status?: string; platformId?: string; overdue?: boolean; complaintId?: string }, cursor: string | undefined, limit = DEFAULT_PAGE): Promise<{ takedowns: TakedownView[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(Takedown).createQueryBuilder('takedown');
    if (filter.status) builder.andWhere('takedown.status = :status', { status: filter.status });
    if (filter.platformId) builder.andWhere('takedown.platform_id = :platformId', { platformId: filter.platformId });
    if (filter.complaintId) builder.andWhere('takedown.complaint_id = :complaintId', { complaintId: filter.complaintId });
    if (filter.overdue !== undefined) builder.andWhere(`${filter.overdue ? '' : 'NOT '}(takedown.status <> 'completed' AND takedown.deadline <= :now)`, { now: this.clock.now() });
    const page = await keysetPageByTime(builder, { alias: 'takedown', timeColumn: 'created_at', direction: 'DESC', kind: 't', cursor, limit });
    return { takedowns: await this.views(page.rows, 'staff'), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<TakedownView> {
    const takedown = isUuid(id) ? await this.dataSource.getRepository(Takedown).findOneBy({ id }) : null;
    if (!takedown) throw new TakedownError('TAKEDOWN_NOT_FOUND', `There is no takedown ${id}.`);
    return (await this.views([takedown], 'staff'))[0]!;
  }

  /** A complaint's takedowns, for its timeline. */
  async ofComplaint(complaintId: string): Promise<TakedownView[]> {
    return this.views(await this.dataSource.getRepository(Takedown).find({ where: { complaintId }, order: { createdAt: 'ASC', id: 'ASC' } }), 'staff');
  }

  /** How many of a complaint's takedowns are in progress and completed (what public tracking may say). */
  async progressOfComplaint(complaintId: string): Promise<{ inProgress: number; completed: number }> {
    const [row] = (await this.dataSource.query(TAKEDOWN_PROGRESS, [complaintId])) as Array<{ inProgress: number; completed: number }>;
    return { inProgress: row!.inProgress, completed: row!.completed };
  }

  /** A platform's feed, oldest first in a stable order (keyset on the feed sequence). */
  async feed(platformId: string, cursor: string | undefined, limit = DEFAULT_PAGE): Promise<{ takedowns: TakedownView[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(Takedown).createQueryBuilder('takedown').where('takedown.platform_id = :platformId', { platformId }).orderBy('takedown.feed_seq', 'ASC').limit(limit + 1);
    if (cursor) builder.andWhere('takedown.feed_seq > :after', { after: sequenceAfter('k', cursor) });
    const page = pageOf(await builder.getMany(), limit, (last) => encodeCursor('k', last.feedSeq));
    return { takedowns: await this.views(page.rows, 'platform'), nextCursor: page.nextCursor };
  }

  /** One of the platform's requests, with the signed document; another platform's is a 404. Reading is audited. */
  async read(platform: PartnerPrincipal, id: string): Promise<{ view: TakedownView; jws: string }> {
    const takedown = await this.own(platform.partnerId, id);
    await this.audit.record(platform, { action: 'takedown.read', subjectType: 'takedown', subjectId: id, details: { documentId: takedown.documentId } });
    return { view: (await this.views([takedown], 'platform'))[0]!, jws: takedown.jws };
  }

  /** An evidence file, only when the platform's own request lists it in its signed manifest. */
  async evidenceContent(platform: PartnerPrincipal, id: string, evidenceId: string, range?: string): Promise<EvidenceContent> {
    const takedown = await this.own(platform.partnerId, id);
    const listed = ((JSON.parse(Buffer.from(takedown.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { evidence?: Array<{ id: string }> }).evidence ?? []).some((item) => item.id === evidenceId);
    if (!listed || !takedown.complaintId) throw new TakedownError('TAKEDOWN_NOT_FOUND', `Takedown ${id} lists no evidence ${evidenceId}.`);
    const item = await this.evidence.get(takedown.complaintId, evidenceId);
    await this.audit.record(platform, { action: 'evidence.downloaded', subjectType: 'evidence', subjectId: evidenceId, details: { takedownId: id, sha256: item.sha256, range: range ?? null } });
    return this.evidence.content(item, range);
  }

  /**
   * A signed TakedownResponse: verified with the platform's keys, about its own request,
   * naming only the request's targets. Each target's outcome is replaced only by an
   * answer issued later than the one that set it; the request rolls up. The same
   * document again: 200, nothing written.
   */
  async respond(platform: PartnerPrincipal, id: string, jws: string): Promise<{ replay: boolean; view: TakedownView }> {
    try {
      return await this.applyResponse(platform, id, jws);
    } catch (error) {
      if (error instanceof TakedownError) {
        await this.audit.record(platform, { action: 'takedown.response_refused', subjectType: 'takedown', subjectId: isUuid(id) ? id : null, outcome: 'refused', details: { code: error.code } });
      }
      throw error;
    }
  }

  private async applyResponse(platform: PartnerPrincipal, id: string, jws: string): Promise<{ replay: boolean; view: TakedownView }> {
    const verified = await this.inbound.verify<TakedownResponseDocument>('takedown-response', jws, platform.partnerId);
    const response = verified.document;
    await this.own(platform.partnerId, id);
    if (response.takedownId !== id) throw new TakedownError('TAKEDOWN_RESPONSE_INVALID', `The response is about takedown ${response.takedownId}, but was sent to ${id}.`);
    if (response.platform !== platform.partnerId) throw new TakedownError('TAKEDOWN_RESPONSE_INVALID', `The response names platform ${response.platform}, but was signed by ${platform.partnerId}.`);
    const issuedAt = new Date(response.issuedAt);
    const answeredAt = this.clock.now();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const takedown = await manager.getRepository(Takedown).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (await this.inbound.earlierReceipt(manager, verified, 'live')) return { replay: true, view: (await this.views([takedown], 'platform', manager))[0]! };
        const targets = await manager.getRepository(TakedownTarget).find({ where: { takedownId: id }, order: { targetId: 'ASC' } });
        const unknown = response.outcomes.filter((outcome) => !targets.some((target) => target.targetId === outcome.targetId));
        if (unknown.length > 0) {
          throw new TakedownError('TAKEDOWN_RESPONSE_INVALID', `The request has no target ${unknown.map((outcome) => outcome.targetId).join(', ')}.`, {}, unknown.map((outcome) => ({ path: 'outcomes.targetId', message: `${outcome.targetId} is not a target of this request` })));
        }
        await this.inbound.store(manager, verified, 'live');
        for (const outcome of response.outcomes) {
          const target = targets.find((candidate) => candidate.targetId === outcome.targetId)!;
          if (!supersedes(target.answerIssuedAt, issuedAt)) continue;
          Object.assign(target, {
            outcome: outcome.outcome, reasonCode: outcome.outcome === 'refused' ? outcome.reasonCode ?? 'other' : null, reason: outcome.reason ?? null,
            actedAt: outcome.actedAt ? new Date(outcome.actedAt) : null, platformCaseRef: outcome.platformRef ?? null, answeredAt, answerIssuedAt: issuedAt, answerDocumentId: verified.documentId,
          });
          // Content reported gone is fetched again to see that it is (the checker, when TAKEDOWN_RECHECK is on).
          const nextCheckAt = target.url && RECHECKED.includes(outcome.outcome) ? new Date(answeredAt.getTime() + (this.recheckSchedule[0] ?? 0)) : null;
          await manager.getRepository(TakedownTarget).update({ takedownId: id, targetId: target.targetId }, {
            outcome: target.outcome, reasonCode: target.reasonCode, reason: target.reason, actedAt: target.actedAt, platformCaseRef: target.platformCaseRef,
            answeredAt, answerIssuedAt: issuedAt, answerDocumentId: verified.documentId, nextCheckAt, checksDone: 0,
          });
        }
        takedown.status = rollUp(targets.map((target) => target.outcome));
        takedown.updatedAt = answeredAt;
        await manager.getRepository(Takedown).update({ id }, { status: takedown.status, updatedAt: answeredAt });
        await this.audit.record(platform, {
          action: 'takedown.answered', subjectType: 'takedown', subjectId: id,
          details: { documentId: verified.documentId, status: takedown.status, outcomes: response.outcomes.map((outcome) => `${outcome.targetId}:${outcome.outcome}`).join(' ') },
        }, manager);
        return { replay: false, view: toTakedownView(takedown, targets, answeredAt, 'platform') };
      });
    } catch (error) {
      // The same response twice at once: the receipt's unique key stops the second, which is a replay.
      if (!isUniqueViolation(error, 'received_document_once')) throw error;
      return { replay: true, view: (await this.views([await this.own(platform.partnerId, id)], 'platform'))[0]! };
    }
  }

  /**
   * Marks requests that passed their deadline overdue, once each, with an audit entry:
   * one batch per call, in one transaction. Returns how many were marked.
   */
  async markOverdue(batch = 100): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const late = (await manager.query(LATE_TAKEDOWNS, [now, batch])) as Array<{ id: string; platformId: string; complaintId: string | null; deadline: Date }>;
      if (late.length === 0) return 0;
      await manager.query(MARK_OVERDUE, [late.map((takedown) => takedown.id), now]);
      await this.audit.record(HUB_ACTOR, late.map((takedown) => ({
        action: 'takedown.overdue', subjectType: 'takedown', subjectId: takedown.id, partnerId: takedown.platformId,
        details: { deadline: new Date(takedown.deadline).toISOString(), complaintId: takedown.complaintId },
      })), manager);
      return late.length;
    });
  }

  /**
   * A complaint's identifiers that are content a platform reported taken down before:
   * uploaded again. Each with the earlier takedown and target, newest first.
   */
  async reuploads(complaintId: string): Promise<ReuploadView[]> {
    const complaint = await this.complaints.get(complaintId);
    const rows = await this.takenDownMatching(this.dataSource.manager, complaint.subjects);
    return rows.filter((row) => row.complaintId !== complaintId).map((row) => ({
      value: row.value, takedownId: row.takedownId, targetId: row.targetId, url: row.url, platformId: row.platformId, outcome: row.outcome,
      actedAt: row.actedAt ? new Date(row.actedAt).toISOString() : null, earlierComplaintId: row.complaintId,
    }));
  }

  /**
   * A follow-up of an earlier takedown in one call: the same platform, basis (as in force
   * now), action and reasons, for the targets named (default: those reported taken down),
   * from a complaint that found them again if given. The new request names the one it follows.
   */
  async followUp(id: string, request: FollowUpDto, staff: Principal, idempotencyKey?: string): Promise<{ status: number; body: IssuedTakedownsView }> {
    const earlier = isUuid(id) ? await this.dataSource.getRepository(Takedown).findOneBy({ id }) : null;
    if (!earlier) throw new TakedownError('TAKEDOWN_NOT_FOUND', `There is no takedown ${id}.`);
    const targets = await this.dataSource.getRepository(TakedownTarget).find({ where: { takedownId: id }, order: { targetId: 'ASC' } });
    const chosen = request.targets ? targets.filter((target) => request.targets!.includes(target.targetId)) : targets.filter((target) => target.outcome !== null && TAKEN_DOWN.includes(target.outcome));
    const missing = (request.targets ?? []).filter((targetId) => !targets.some((target) => target.targetId === targetId));
    if (missing.length > 0) throw new TakedownError('TAKEDOWN_INVALID', `Takedown ${id} has no target ${missing.join(', ')}.`, {}, missing.map(() => ({ path: 'targets', message: 'targets must name targets of the earlier takedown' })));
    if (chosen.length === 0) throw new TakedownError('TAKEDOWN_INVALID', `No target of takedown ${id} was reported taken down: name the targets to follow up.`, {}, [{ path: 'targets', message: 'name the targets to follow up' }]);
    const document = JSON.parse(Buffer.from(earlier.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { statementOfReasons?: { ground: string; explanation: string } };
    const { code: _code, version: _version, ...fields } = earlier.legalBasis;
    const issue: IssueTakedownsDto = {
      legalBasis: { code: earlier.legalBasisCode, ...fields },
      requestedAction: earlier.requestedAction,
      targets: chosen.map((target): TakedownTargetDto => ({ kind: target.kind, platform: earlier.platformId, ...(target.url ? { url: target.url } : {}), ...(target.platformRef ? { platformRef: target.platformRef } : {}) })),
      statementOfReasons: document.statementOfReasons ?? { ground: 'reupload', explanation: `Uploaded again after takedown ${id}.` },
      note: request.note ?? `ลงซ้ำหลังการระงับครั้งก่อน (uploaded again after takedown ${id})`,
      follows: id,
    };
    return this.issue(request.complaintId ?? null, issue, staff, idempotencyKey);
  }

  /**
   * One round of re-checks: claims due targets, fetches each with `probe`, records what
   * answered, schedules the next check (none after the last of the schedule), and audits
   * content that still answers. Returns how many were checked.
   */
  async recheckDue(probe: (url: string) => Promise<{ status: number | null; error: string | null }>, batch = 10): Promise<number> {
    const now = this.clock.now();
    const claimed = (await this.dataSource.query(CLAIM_CHECKS, [now, new Date(now.getTime() + this.settings.TAKEDOWN_RECHECK_TIMEOUT_MS * 3), batch, RECHECKED])) as [Array<{ takedownId: string; targetId: string; url: string; checksDone: number }>, number];
    const due = claimed[0];
    await Promise.all(due.map(async (target) => {
      const seen = await probe(target.url);
      const checkedAt = this.clock.now();
      const stillReachable = seen.status !== null && seen.status >= 200 && seen.status < 300;
      const delay = this.recheckSchedule[target.checksDone + 1];
      await this.dataSource.transaction(async (manager) => {
        await manager.query(RECORD_CHECK, [target.takedownId, target.targetId, checkedAt, seen.status, stillReachable, seen.error, delay === undefined ? null : new Date(checkedAt.getTime() + delay)]);
        if (stillReachable) {
          await this.audit.record(HUB_ACTOR, { action: 'takedown.still_reachable', subjectType: 'takedown', subjectId: target.takedownId, details: { targetId: target.targetId, status: seen.status } }, manager);
        }
      });
    }));
    return due.length;
  }

  /** Per platform, for requests issued in [from, to). */
  async statistics(from: Date, to: Date): Promise<TakedownStatisticsView> {
    const rows = (await this.dataSource.query(TAKEDOWN_FIGURES, [from, to, this.clock.now()])) as Array<{
      platformId: string; requests: number; targets: number; completedInTime: number; due: number; overdue: number; medianHours: number | null; p90Hours: number | null;
      outcomes: Record<string, number>; refusalReasons: Record<string, number>;
    }>;
    const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
    return {
      from: from.toISOString(), to: to.toISOString(),
      platforms: rows.map((row) => ({
        platformId: row.platformId, requests: row.requests, targets: row.targets, answeredInTimeShare: row.due > 0 ? round(row.completedInTime / row.due) : null,
        medianHoursToAction: round(row.medianHours), p90HoursToAction: round(row.p90Hours), outcomes: row.outcomes, refusalReasons: row.refusalReasons, overdue: row.overdue,
      })),
    };
  }

  /** Places every target on its platform, all or none; groups them by platform, numbering targets in request order. */
  private async placeTargets(request: IssueTakedownsDto): Promise<Map<string, Array<{ targetId: string; kind: TakedownTarget['kind']; url?: string; platformRef?: string; canonical: string | null }>>> {
    const problems: Array<{ path: string; message: string }> = [];
    const groups = new Map<string, Array<{ targetId: string; kind: TakedownTarget['kind']; url?: string; platformRef?: string; canonical: string | null }>>();
    // Up to 100 targets, mostly on a few domains: one lookup per domain.
    const servingByDomain = new Map<string, Promise<string[]>>();
    const serving = (domain: string): Promise<string[]> => {
      if (!servingByDomain.has(domain)) servingByDomain.set(domain, this.partners.platformsServing(domain).then((partners) => partners.map((partner) => partner.id)));
      return servingByDomain.get(domain)!;
    };
    for (const [index, target] of request.targets.entries()) {
      const path = `targets[${index}]`;
      if (target.url === undefined && target.platformRef === undefined) {
        problems.push({ path, message: `${path} needs a url or a platformRef` });
        continue;
      }
      const placed = placeTarget(target);
      if (!placed.ok) {
        problems.push({ path: `${path}.${target.url !== undefined ? 'url' : 'platform'}`, message: `${path}: ${placed.message}` });
        continue;
      }
      let platformId = target.platform;
      if (placed.domain !== null) {
        const platforms = await serving(placed.domain);
        if (platforms.length === 0) {
          problems.push({ path: `${path}.url`, message: `${path}: no platform partner receives takedowns for ${placed.domain}` });
          continue;
        }
        if (platformId !== undefined && !platforms.includes(platformId)) {
          problems.push({ path: `${path}.platform`, message: `${path}: ${placed.domain} belongs to ${platforms.join(', ')}, not ${platformId}` });
          continue;
        }
        if (platformId === undefined && platforms.length > 1) {
          problems.push({ path: `${path}.platform`, message: `${path}: ${placed.domain} is served by ${platforms.join(', ')}; say which with platform` });
          continue;
        }
        platformId ??= platforms[0]!;
      } else {
        const partner = await this.partners.get(platformId!).catch(() => undefined);
        if (!partner || partner.kind !== 'platform' || !partner.active) {
          problems.push({ path: `${path}.platform`, message: `${path}: ${platformId} is not an active platform partner` });
          continue;
        }
      }
      const group = groups.get(platformId!) ?? [];
      group.push({ targetId: `t${index + 1}`, kind: target.kind, ...(target.url !== undefined ? { url: target.url } : {}), ...(target.platformRef !== undefined ? { platformRef: target.platformRef } : {}), canonical: placed.canonical });
      groups.set(platformId!, group);
    }
    // The whole batch is refused when one target is not valid (as the DSA transparency database does).
    if (problems.length > 0) throw new TakedownError('TAKEDOWN_TARGET_INVALID', problems.map((problem) => problem.message).join('; '), {}, problems);
    return groups;
  }

  private async replay(idempotent: IdempotentRequest): Promise<{ status: number; body: IssuedTakedownsView } | null> {
    const [row] = (await this.dataSource.query(EARLIER_USE, [idempotent.actor, idempotent.key])) as Array<{ earlier: EarlierUse | null }>;
    return replayOf<IssuedTakedownsView>(idempotent, row?.earlier ?? null);
  }

  private async own(platformId: string, id: string): Promise<Takedown> {
    const takedown = isUuid(id) ? await this.dataSource.getRepository(Takedown).findOneBy({ id, platformId }) : null;
    // Not "forbidden": a platform must not learn that another platform's request exists.
    if (!takedown) throw new TakedownError('TAKEDOWN_NOT_FOUND', `You have no takedown ${id}.`);
    return takedown;
  }

  private async views(takedowns: Takedown[], audience: 'staff' | 'platform', manager: EntityManager = this.dataSource.manager): Promise<TakedownView[]> {
    if (takedowns.length === 0) return [];
    const targets = await manager.getRepository(TakedownTarget).find({ where: { takedownId: In(takedowns.map((takedown) => takedown.id)) }, order: { targetId: 'ASC' } });
    const now = this.clock.now();
    return takedowns.map((takedown) => toTakedownView(takedown, targets.filter((target) => target.takedownId === takedown.id), now, audience));
  }
}

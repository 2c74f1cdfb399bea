import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { PartnerPrincipal, Principal } from '../access/roles.js';
import { AuditService, type AuditEvent } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { Settings } from '../config/settings.js';
import { Outbox, type NewOutboxMessage } from '../delivery/outbox.service.js';
import { InboundDocumentsService } from '../inbound/inbound-documents.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { ReferralsService } from '../referrals/referrals.service.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { SigningService } from '../signing/signing.service.js';
import type { CorrectionReason, RetractionReason } from '../standard/codes.js';
import type { AcknowledgementDocument } from '../standard/documents/index.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import { buildCorrection, buildRetraction, type NoticeOfChange } from './build-correction-documents.js';
import { openCorrectionJws, sealCorrectionJws } from './correction-sealing.js';
import { CorrectionRecord, type CorrectionKind } from './correction.entity.js';
import { CorrectionError } from './corrections.errors.js';
import type { CorrectComplaintDto, ListCorrectionsQuery, RetractComplaintDto } from './dto/correction.dto.js';
import {
  toAgencyCorrectionView, toCorrectionView, type AgencyCorrectionView, type CorrectionListView, type CorrectionResultView, type PartnerCorrectionListView,
} from './dto/correction.view.js';

/** One notice of change to sign for one referral: its kind, reason, and how to build it once it has its number. */
interface DueNotice {
  kind: CorrectionKind;
  referralId: string;
  partnerId: string;
  build: (notice: NoticeOfChange) => object;
}

const DEFAULT_PAGE = 100;
const DEFAULT_FEED_PAGE = 50;

/**
 * Corrections and Retractions (§2.7): when 1212 corrects or withdraws a complaint, every agency that received it gets
 * a signed document numbered in its referral's stream, must acknowledge it with a signed Acknowledgement, and is
 * chased when it does not (CorrectionChaser). MISP never synced deletions between instances; OCX does.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly referrals: ReferralsService,
    private readonly partners: PartnersService,
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly inbound: InboundDocumentsService,
    private readonly ring: DataKeyRing,
    private readonly settings: Settings,
    private readonly clock: Clock,
  ) {}

  /**
   * Corrects a dispatched complaint: the complaint changes, each agency that received a member that changes gets a
   * new version of its Referral and, after it, a Correction naming the versions that were wrong. All or nothing.
   */
  async correct(complaintId: string, request: CorrectComplaintDto, staff: Principal): Promise<CorrectionResultView> {
    const { reason, note, ...changes } = request;
    return this.dataSource.transaction(async (manager) => {
      const complaint = await this.complaints.amend(manager, complaintId, changes);
      const now = this.clock.now();
      const corrected = await this.referrals.reissueCorrected(manager, complaint, now, staff, note ? `${reason}: ${note}` : reason);
      if (corrected.length === 0) {
        throw new CorrectionError('CORRECTION_CHANGES_NOTHING', 'No agency received a member this correction changes: nothing was changed or sent. Change the complaint with an amendment if the agencies need nothing erased.');
      }
      const records = await this.issue(manager, corrected.map((referral) => ({
        kind: 'correction' as const,
        referralId: referral.referralId,
        partnerId: referral.partnerId,
        build: (notice) => buildCorrection(notice, { reason, corrects: referral.corrects, replacedBy: referral.replacedBy, changed: referral.changed }),
      })), complaintId, complaint.referenceCode, reason, note, now, staff);
      return { complaintId, corrections: records.map((record) => toCorrectionView(record, now)) };
    });
  }

  /**
   * Withdraws a complaint: it leaves matching and is dispatched to no one again, its open referrals become
   * `retracted`, and every agency that received it, open or closed, gets a Retraction. All or nothing.
   */
  async retract(complaintId: string, request: RetractComplaintDto, staff: Principal): Promise<CorrectionResultView> {
    return this.dataSource.transaction(async (manager) => {
      if (request.duplicateOf) {
        const original = await this.complaints.idOfReferenceCode(manager, request.duplicateOf);
        if (!original || original === complaintId) {
          throw new CorrectionError('CORRECTION_DUPLICATE_UNKNOWN', `${request.duplicateOf} names ${original ? 'this complaint itself' : 'no complaint'}: a duplicate names the complaint that goes on.`, {}, [{ path: 'duplicateOf', message: 'duplicateOf must be the reference code of another complaint' }]);
        }
      }
      const { referenceCode } = await this.complaints.withdraw(manager, complaintId);
      const now = this.clock.now();
      const referrals = await this.referrals.retractAll(manager, complaintId, now, staff, request.note ? `${request.reason}: ${request.note}` : request.reason);
      const records = await this.issue(manager, referrals.map((referral) => ({
        kind: 'retraction' as const,
        ...referral,
        build: (notice) => buildRetraction(notice, { reason: request.reason, ...(request.duplicateOf ? { duplicateOf: request.duplicateOf } : {}) }),
      })), complaintId, referenceCode, request.reason, request.note, now, staff);
      await this.audit.record(staff, { action: 'complaint.withdrawn', subjectType: 'complaint', subjectId: complaintId, details: { reason: request.reason, agencies: records.length } }, manager);
      return { complaintId, corrections: records.map((record) => toCorrectionView(record, now)) };
    });
  }

  /** Signs, stores, queues and audits one notice per referral, each with the next number of its referral's stream. */
  private async issue(manager: EntityManager, due: DueNotice[], complaintId: string, referenceCode: string, reason: CorrectionReason | RetractionReason, note: string | undefined, now: Date, staff: Principal): Promise<CorrectionRecord[]> {
    if (due.length === 0) return [];
    const sequences = await this.outbox.nextSequences(manager, due.map((notice) => notice.referralId));
    const endpoints = await this.partners.pushEndpoints(manager, [...new Set(due.map((notice) => notice.partnerId))]);
    const acknowledgeBy = new Date(now.getTime() + this.settings.CORRECTION_ACKNOWLEDGE_HOURS * 3_600_000);
    const records: CorrectionRecord[] = [];
    const pushes: NewOutboxMessage[] = [];
    const events: AuditEvent[] = [];
    for (const notice of due) {
      const documentId = randomUUID();
      const document = notice.build({ documentId, issuedAt: now, referralId: notice.referralId, recipient: notice.partnerId, referenceCode, sequence: sequences.get(notice.referralId)!, acknowledgeBy, ...(note ? { note } : {}) });
      const check = this.schemas.validate(notice.kind, document);
      // The hub builds this document itself: a failure is a bug, never something to send.
      if (!check.valid) throw new Error(`a ${notice.kind} failed its schema: ${check.errors.map((error) => `${error.path} ${error.message}`).join('; ')}`);
      const jws = this.signing.sign(notice.kind, document, now);
      records.push(manager.getRepository(CorrectionRecord).create({
        documentId, kind: notice.kind, referralId: notice.referralId, complaintId, partnerId: notice.partnerId, reason, sequence: sequences.get(notice.referralId)!,
        jws: sealCorrectionJws(this.ring, documentId, jws), createdBy: staff.subject, createdAt: now, acknowledgeBy, acknowledgedAt: null,
        acknowledgementDocumentId: null, acknowledgementOutcome: null, retentionBasis: null, chasedAt: null, chaseCount: 0,
      }));
      const endpointUrl = endpoints.get(notice.partnerId);
      if (endpointUrl) pushes.push({ id: randomUUID(), referralId: notice.referralId, partnerId: notice.partnerId, documentType: `ocx.${notice.kind}`, endpointUrl, payload: jws });
      events.push({ action: `${notice.kind}.issued`, subjectType: 'referral', subjectId: notice.referralId, partnerId: notice.partnerId, documentSha256: sha256(jws), details: { documentId, reason, sequence: sequences.get(notice.referralId)! } });
    }
    await manager.getRepository(CorrectionRecord).insert(records);
    await this.outbox.enqueue(manager, pushes);
    await this.audit.record(staff, events, manager);
    return records;
  }

  /** 1212's list: newest first; `unacknowledged` is the work list, `overdue` what is being chased. */
  async list(query: ListCorrectionsQuery): Promise<CorrectionListView> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const now = this.clock.now();
    const builder = this.dataSource.getRepository(CorrectionRecord).createQueryBuilder('correction').orderBy('correction.feed_seq', 'DESC').limit(limit + 1);
    if (query.unacknowledged === 'true' || query.overdue === 'true') builder.andWhere('correction.acknowledged_at IS NULL');
    if (query.unacknowledged === 'false') builder.andWhere('correction.acknowledged_at IS NOT NULL');
    if (query.overdue === 'true') builder.andWhere('correction.acknowledge_by <= :now', { now });
    if (query.partner) builder.andWhere('correction.partner_id = :partner', { partner: query.partner });
    if (query.cursor) builder.andWhere('correction.feed_seq < :before', { before: sequenceAfter('y', query.cursor) });
    const page = pageOf(await builder.getMany(), limit, (last) => encodeCursor('y', last.feedSeq));
    return { corrections: page.rows.map((record) => toCorrectionView(record, now)), nextCursor: page.nextCursor };
  }

  /** A partner's Corrections and Retractions, oldest first, each as signed: keep the cursor and poll for new ones. */
  async feed(partnerId: string, cursor: string | undefined, limit = DEFAULT_FEED_PAGE): Promise<PartnerCorrectionListView> {
    const now = this.clock.now();
    const builder = this.dataSource.getRepository(CorrectionRecord).createQueryBuilder('correction')
      .where('correction.partner_id = :partnerId', { partnerId }).orderBy('correction.feed_seq', 'ASC').limit(limit + 1);
    if (cursor) builder.andWhere('correction.feed_seq > :after', { after: sequenceAfter('x', cursor) });
    const page = pageOf(await builder.getMany(), limit, (last) => encodeCursor('x', last.feedSeq));
    return {
      corrections: await Promise.all(page.rows.map(async (record) => ({ ...toAgencyCorrectionView(record, now), jws: await openCorrectionJws(this.ring, record) }))),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * A partner's signed Acknowledgement of one Correction or Retraction of its referral: verified, stored once,
   * recorded on the document it answers, audited. The same JWS again is a repeat (200); another answer to a
   * document already answered is refused (409) and nothing is kept; a refusal is audited too.
   */
  async acknowledge(partner: PartnerPrincipal, referralId: string, jws: string): Promise<{ replay: boolean; view: AgencyCorrectionView }> {
    try {
      return await this.applyAcknowledgement(partner, referralId, jws);
    } catch (error) {
      if (error instanceof DomainError) {
        await this.audit.record(partner, { action: 'acknowledgement.refused', subjectType: 'referral', subjectId: isUuid(referralId) ? referralId : null, outcome: 'refused', details: { code: error.code } });
      }
      throw error;
    }
  }

  private async applyAcknowledgement(partner: PartnerPrincipal, referralId: string, jws: string): Promise<{ replay: boolean; view: AgencyCorrectionView }> {
    const verified = await this.inbound.verify<AcknowledgementDocument>('acknowledgement', jws, partner.partnerId);
    const acknowledgement = verified.document;
    if (acknowledgement.referralId !== referralId) {
      throw new CorrectionError('ACKNOWLEDGEMENT_MISMATCH', `The Acknowledgement is about referral ${acknowledgement.referralId}, but was sent to ${referralId}.`);
    }
    return this.dataSource.transaction(async (manager) => {
      const record = isUuid(referralId)
        ? await manager.getRepository(CorrectionRecord).findOne({ where: { documentId: acknowledgement.acknowledges, referralId, partnerId: partner.partnerId }, lock: { mode: 'pessimistic_write' } })
        : null;
      // Not "forbidden": a partner must not learn what was sent to another.
      if (!record) throw new CorrectionError('CORRECTION_NOT_FOUND', `Referral ${referralId} has no Correction or Retraction ${acknowledgement.acknowledges} of yours.`);
      const now = this.clock.now();
      const stored = await this.inbound.store(manager, verified, 'live');
      if (stored.replay) return { replay: true, view: toAgencyCorrectionView(record, now) };
      if (record.acknowledgedAt) {
        throw new CorrectionError('CORRECTION_ALREADY_ACKNOWLEDGED', `Document ${record.documentId} was acknowledged by ${record.acknowledgementDocumentId} at ${record.acknowledgedAt.toISOString()}; nothing was recorded.`, { acknowledgedBy: record.acknowledgementDocumentId });
      }
      Object.assign(record, { acknowledgedAt: now, acknowledgementDocumentId: verified.documentId, acknowledgementOutcome: acknowledgement.outcome, retentionBasis: acknowledgement.retentionBasis ?? null });
      await manager.getRepository(CorrectionRecord).update({ documentId: record.documentId }, {
        acknowledgedAt: now, acknowledgementDocumentId: verified.documentId, acknowledgementOutcome: acknowledgement.outcome, retentionBasis: acknowledgement.retentionBasis ?? null,
      });
      await this.audit.record(partner, {
        action: `${record.kind}.acknowledged`, subjectType: 'referral', subjectId: referralId, documentSha256: sha256(verified.jws),
        details: { documentId: record.documentId, acknowledgement: verified.documentId, outcome: acknowledgement.outcome },
      }, manager);
      return { replay: false, view: toAgencyCorrectionView(record, now) };
    });
  }

}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { PartnerPrincipal } from '../access/roles.js';
import { retryOnConflict } from '../database/transient-conflict.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { DomainError } from '../common/domain-error.js';
import { encodeCursor, pageOf, sequenceAfter } from '../common/paging.js';
import { EvidenceService, type EvidenceContent } from '../evidence/evidence.service.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { PARTNER_STATUSES, type PartnerStatus, type ReferralStatus } from '../standard/codes.js';
import type { StatusEventDocument } from '../standard/documents/index.js';
import { InboundDocumentsService, type VerifiedDocument } from '../inbound/inbound-documents.service.js';
import { toReferralView, type ReferralView } from './dto/referral.view.js';
import { ReferralDocumentRecord } from './referral-document.entity.js';
import { openReferralJws } from './referral-document-sealing.js';
import { ReferralEvent } from './referral-event.entity.js';
import { checkTransition, REFERRAL_TRANSITIONS } from './referral-status.js';
import { Referral } from './referral.entity.js';
import { APPLY_STATUS_EVENT } from './referrals.sql.js';
import { ReferralError } from './referrals.errors.js';
import { isUuid } from '../common/ids.js';
import { Clock } from '../common/clock.js';

const DEFAULT_PAGE = 50;

export interface FeedPage {
  referrals: Array<{ referral: Referral; documentId: string }>;
  nextCursor: string | null;
}

/**
 * What a partner's system does with its referrals: read its feed, fetch a
 * referral and its evidence, report status. Every lookup is scoped to the
 * calling partner; another partner's referral is simply not found (404).
 */
@Injectable()
export class PartnerReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbound: InboundDocumentsService,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
    private readonly ring: DataKeyRing,
    private readonly clock: Clock,
  ) {}

  async feed(partnerId: string, status: ReferralStatus | undefined, cursor: string | undefined, limit = DEFAULT_PAGE): Promise<FeedPage> {
    const builder = this.dataSource
      .getRepository(Referral)
      .createQueryBuilder('referral')
      .where('referral.partner_id = :partnerId', { partnerId })
      .orderBy('referral.feed_seq', 'ASC')
      .limit(limit + 1);
    if (status) builder.andWhere('referral.status = :status', { status });
    if (cursor) builder.andWhere('referral.feed_seq > :after', { after: sequenceAfter('f', cursor) });
    const rows = await builder.getMany();
    const page = pageOf(rows, limit, (last) => encodeCursor('f', last.feedSeq));
    const latest = await this.latestDocuments(page.rows.map((referral) => referral.id));
    return {
      referrals: page.rows.map((referral) => ({ referral, documentId: latest.get(referral.id)!.documentId })),
      nextCursor: page.nextCursor,
    };
  }

  /** The partner's referral with its latest signed document. Reading it counts as delivery (pull). */
  async read(partner: PartnerPrincipal, referralId: string): Promise<{ referral: Referral; jws: string }> {
    const partnerId = partner.partnerId;
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.ownReferral(manager, partnerId, referralId);
      if (referral.status === 'dispatched') {
        await manager.update(Referral, { id: referral.id, status: 'dispatched' }, { status: 'delivered' });
        await manager.getRepository(ReferralEvent).insert({ referralId, status: 'delivered', source: 'hub', actor: partnerId, note: 'read from the partner feed', documentId: null, occurredAt: new Date() });
        referral.status = 'delivered';
      }
      const document = await manager.getRepository(ReferralDocumentRecord).findOneOrFail({ where: { referralId }, order: { version: 'DESC' } });
      await this.audit.record(partner, { action: 'referral.read', subjectType: 'referral', subjectId: referralId, details: { documentId: document.documentId, version: document.version } }, manager);
      return { referral, jws: await openReferralJws(this.ring, document) };
    });
  }

  /** An evidence file, only when the partner's own referral lists it in its signed manifest. */
  async evidenceContent(partner: PartnerPrincipal, referralId: string, evidenceId: string, range?: string): Promise<EvidenceContent> {
    const partnerId = partner.partnerId;
    const referral = await this.ownReferral(this.dataSource.manager, partnerId, referralId);
    // The signed manifests are the list of what this partner was given.
    const documents = await this.dataSource.getRepository(ReferralDocumentRecord).findBy({ referralId: referral.id });
    const manifests = await Promise.all(documents.map(async (record) => manifestIds(await openReferralJws(this.ring, record))));
    const listed = manifests.some((ids) => ids.includes(evidenceId));
    if (!listed) throw new ReferralError('REFERRAL_NOT_FOUND', `Referral ${referralId} lists no evidence ${evidenceId}.`);
    const item = await this.evidence.get(referral.complaintId, evidenceId);
    await this.audit.record(partner, { action: 'evidence.downloaded', subjectType: 'evidence', subjectId: evidenceId, details: { referralId, sha256: item.sha256, range: range ?? null } });
    return this.evidence.content(item, range);
  }

  /**
   * A signed StatusEvent: verified, then applied in one statement that stores the
   * JWS, moves the referral only from a state the standard allows, and records the
   * step; when it cannot move, the transaction is rolled back and a second look
   * says why (someone else's referral: 404; the same event again: 200; a number out
   * of the partner's sequence: 409 naming the expected one; a step the state machine
   * forbids: 409 naming the allowed ones).
   */
  async applyStatusEvent(partner: PartnerPrincipal, referralId: string, jws: string): Promise<{ replay: boolean; view: ReferralView }> {
    try {
      return await this.applyVerifiedStatusEvent(partner, referralId, jws);
    } catch (error) {
      // A refused event is an exchange too: the audit log says who tried what, and why it was refused.
      if (error instanceof DomainError) {
        await this.audit.record(partner, { action: 'status_event.refused', subjectType: 'referral', subjectId: isUuid(referralId) ? referralId : null, outcome: 'refused', details: { code: error.code } });
      }
      throw error;
    }
  }

  private async applyVerifiedStatusEvent(partner: PartnerPrincipal, referralId: string, jws: string): Promise<{ replay: boolean; view: ReferralView }> {
    const partnerId = partner.partnerId;
    const verified = await this.inbound.verify<StatusEventDocument>('status-event', jws, partnerId, { keyStateInWrite: true });
    if (verified.document.referralId !== referralId) {
      throw new ReferralError('REFERRAL_MISMATCH', `The event is about referral ${verified.document.referralId}, but was sent to ${referralId}.`);
    }
    if (!isUuid(referralId)) throw new ReferralError('REFERRAL_NOT_FOUND', `You have no referral ${referralId}.`);
    const next: PartnerStatus = verified.document.status;
    const jwsSha256 = createHash('sha256').update(verified.jws).digest('hex');
    const audit = this.audit.entries(partner, { action: 'status_event.accepted', subjectType: 'referral', subjectId: referralId, documentSha256: jwsSha256, details: { status: next, documentId: verified.documentId } });
    let moved: Record<string, unknown> | undefined;
    try {
      // Two copies of one event racing: the receipt's unique key stops the second.
      [moved] = await retryOnConflict(() => APPLY_STATUS_EVENT.run(this.dataSource, [
        partnerId, verified.documentId, verified.kid, verified.jws, jwsSha256, next, verified.document.transferTo ?? null, referralId, statesLeadingTo(next),
        describeEvent(verified.document), verified.document.issuedAt, audit.records, verified.keyThumbprint,
        this.clock.now(), verified.document.resolution ? JSON.stringify(verified.document.resolution) : null, verified.document.partnerCaseNumber ?? null,
        verified.document.reasonCode ?? null, verified.document.sequence ?? null,
      ]));
    } catch (error) {
      if (!isUniqueViolation(error, 'received_document_once')) throw error;
    }
    if (!moved) return this.explainRefusal(partnerId, referralId, verified, next);
    const { audit_seq: _auditSeq, ...row } = moved;
    return { replay: false, view: toReferralView(this.dataSource.getRepository(Referral).create(fromRow(row))) };
  }

  /** Nothing was written: why? Checked in the order the standard gives (key, ownership, replay, transition). */
  private async explainRefusal(partnerId: string, referralId: string, verified: VerifiedDocument<StatusEventDocument>, next: PartnerStatus): Promise<{ replay: boolean; view: ReferralView }> {
    const manager = this.dataSource.manager;
    if (!verified.keyStateChecked) await this.inbound.checkKey(partnerId, verified.kid);
    const referral = await this.ownReferral(manager, partnerId, referralId);
    if (await this.inbound.earlierReceipt(manager, verified, 'live')) return { replay: true, view: toReferralView(referral) };
    const sequence = verified.document.sequence;
    if (sequence !== undefined && sequence !== referral.partnerSequence + 1) {
      const expected = referral.partnerSequence + 1;
      throw new ReferralError(
        'STATUS_EVENT_OUT_OF_SEQUENCE',
        sequence > expected
          ? `This event is number ${sequence} of your events about referral ${referralId}, but number ${expected} has not been applied: send it first.`
          : `Number ${sequence} of your events about referral ${referralId} was already used by another event; the next is ${expected}.`,
        { expectedSequence: expected },
      );
    }
    const check = checkTransition(referral.status, next);
    // What the partner may send: the hub's own steps (delivered, retracted) are not its to name.
    const allowedNext = check.allowed ? [next] : check.allowedNext.filter((status) => (PARTNER_STATUSES as readonly string[]).includes(status));
    throw new ReferralError('TRANSITION_NOT_ALLOWED', `A referral that is ${referral.status} cannot become ${next}; allowed next: ${check.allowed ? 'try again' : allowedNext.join(', ') || 'none (it is closed)'}.`, {
      currentStatus: referral.status,
      allowedNext,
    });
  }

  private async ownReferral(manager: EntityManager, partnerId: string, referralId: string, lock = false): Promise<Referral> {
    const referral = isUuid(referralId)
      ? await manager.getRepository(Referral).findOne({ where: { id: referralId, partnerId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    // Not "forbidden": a partner must not learn that another partner's referral exists.
    if (!referral) throw new ReferralError('REFERRAL_NOT_FOUND', `You have no referral ${referralId}.`);
    return referral;
  }

  private async latestDocuments(referralIds: string[]): Promise<Map<string, ReferralDocumentRecord>> {
    if (referralIds.length === 0) return new Map();
    // Ids only: the JWS texts are large and a feed page does not carry them.
    const documents = await this.dataSource
      .getRepository(ReferralDocumentRecord)
      .find({ select: { documentId: true, referralId: true, version: true }, where: { referralId: In(referralIds) }, order: { version: 'ASC' } });
    return new Map(documents.map((document) => [document.referralId, document]));
  }
}

/** The states from which the standard allows `next` (the transition table, read backwards). */
function statesLeadingTo(next: ReferralStatus): ReferralStatus[] {
  return (Object.keys(REFERRAL_TRANSITIONS) as ReferralStatus[]).filter((from) => REFERRAL_TRANSITIONS[from].includes(next));
}

function fromRow(row: Record<string, unknown>): Partial<Referral> {
  return {
    id: row.id as string,
    complaintId: row.complaint_id as string,
    partnerId: row.partner_id as string,
    status: row.status as ReferralStatus,
    version: row.version as number,
    requestedAction: row.requested_action as Referral['requestedAction'],
    note: row.note as string | null,
    dueAt: row.due_at as Date,
    transferTo: row.transfer_to as string | null,
    transferredAs: row.transferred_as as string | null,
    partnerCaseNumber: row.partner_case_number as string | null,
    reasonCode: row.reason_code as string | null,
    createdBy: row.created_by as string,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function manifestIds(jws: string): string[] {
  const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { evidence?: Array<{ id: string }> };
  return (payload.evidence ?? []).map((item) => item.id);
}

function describeEvent(event: StatusEventDocument): string | null {
  const parts = [
    event.note,
    event.partnerCaseNumber ? `case ${event.partnerCaseNumber}` : undefined,
    event.requestedInformation ? `asks for: ${event.requestedInformation.map((request) => `${request.kind} (${request.description})`).join('; ')}` : undefined,
    event.transferTo ? `belongs to ${event.transferTo}` : undefined,
    event.reason,
    event.resolution?.summary,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

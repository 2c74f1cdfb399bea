import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/roles.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { ComplaintError } from '../complaints/complaints.errors.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { parseReferenceCode } from '../complaints/reference-code.js';
import { Settings } from '../config/settings.js';
import { Outbox } from '../delivery/outbox.service.js';
import type { EvidenceItem } from '../evidence/evidence-item.entity.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import type { Partner } from '../partners/partner.entity.js';
import { PartnersService } from '../partners/partners.service.js';
import { SigningService } from '../signing/signing.service.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import { buildReferralDocument } from './build-referral-document.js';
import { DispatchResultView, toReferralView, type AmendComplaintDto, type DispatchReferralsDto, type TimelineView, type TrackingView } from './dto/referral.dto.js';
import { claimIdempotencyKey, recordIdempotentResponse } from './idempotency.js';
import { ReferralDocumentRecord } from './referral-document.entity.js';
import { ReferralEvent, type ReferralEventSource } from './referral-event.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralError } from './referrals.errors.js';
import type { ReferralStatus } from '../standard/codes.js';

const OPEN_STATUSES: ReferralStatus[] = ['dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested'];

/** Dispatching complaints to agencies as signed referrals, and following them. */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly evidence: EvidenceService,
    private readonly partners: PartnersService,
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly outbox: Outbox,
    private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    // A push answered 2xx: the referral is delivered (unless the partner has already moved it on).
    this.outbox.onDelivered('ocx.referral', async (manager, message) => {
      if (message.referralId) await this.moveIfAt(manager, message.referralId, ['dispatched'], 'delivered', 'hub', 'delivery', `pushed to ${message.endpointUrl}`);
    });
  }

  /**
   * One referral per agency, each frozen as a signed Referral document, with an
   * outbox message for agencies that take pushes, all in one transaction.
   */
  async dispatch(complaintId: string, request: DispatchReferralsDto, staff: Principal, idempotencyKey?: string): Promise<{ status: number; body: DispatchResultView }> {
    return this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        const earlier = await claimIdempotencyKey<DispatchResultView>(manager, staff.subject, idempotencyKey, `dispatch:${complaintId}`, request);
        if (earlier.replayed) return { status: earlier.status, body: earlier.body };
      }
      const complaint = await manager.getRepository(Complaint).findOne({ where: { id: complaintId }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${complaintId}.`);
      const partners = await Promise.all(request.partners.map((id) => this.partners.get(id).catch(() => undefined)));
      const unavailable = request.partners.filter((id, index) => !partners[index] || !partners[index]!.active);
      if (unavailable.length > 0) {
        throw new ReferralError('REFERRAL_PARTNER_UNAVAILABLE', `Not a registered, active agency: ${unavailable.join(', ')}.`, {}, unavailable.map((id) => ({ path: 'partners', message: `${id} is not a registered, active partner` })));
      }
      const open = await manager.getRepository(Referral).find({ where: { complaintId, partnerId: In(request.partners), status: In(OPEN_STATUSES) } });
      if (open.length > 0) {
        throw new ReferralError('REFERRAL_ALREADY_OPEN', `Already referred and still open: ${open.map((referral) => referral.partnerId).join(', ')}.`, { referrals: open.map((referral) => referral.id) });
      }
      const evidence = await this.evidence.list(complaintId);
      const now = new Date();
      const created: Referral[] = [];
      for (const partner of partners.map((p) => p!)) {
        const referral = manager.getRepository(Referral).create({
          id: randomUUID(),
          complaintId,
          partnerId: partner.id,
          status: 'dispatched',
          version: 1,
          requestedAction: request.requestedAction ?? 'investigate',
          note: request.note ?? null,
          dueAt: request.dueAt ? new Date(request.dueAt) : new Date(now.getTime() + partner.slaResolveDays * 86_400_000),
          createdBy: staff.subject,
        });
        await manager.getRepository(Referral).insert(referral);
        await this.issueDocument(manager, referral, partner, complaint, evidence, now, staff.subject, request.note ?? null, 'dispatched');
        created.push(await manager.getRepository(Referral).findOneByOrFail({ id: referral.id }));
      }
      await manager.update(Complaint, { id: complaintId }, { status: 'dispatched' });
      const body: DispatchResultView = { complaintId, referrals: created.map((referral) => toReferralView(referral)) };
      if (idempotencyKey) await recordIdempotentResponse(manager, staff.subject, idempotencyKey, 201, body);
      return { status: 201, body };
    });
  }

  /**
   * Changes a dispatched complaint: each open referral gets a new version of its
   * Referral document (naming the one it replaces), signed and delivered like the first.
   */
  async amend(complaintId: string, request: AmendComplaintDto, staff: Principal): Promise<DispatchResultView> {
    return this.dataSource.transaction(async (manager) => {
      const complaint = await manager.getRepository(Complaint).findOne({ where: { id: complaintId }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${complaintId}.`);
      if (complaint.status === 'new') throw new ComplaintError('COMPLAINT_NOT_DISPATCHED', 'Nothing has been dispatched yet: change the complaint with PATCH.');
      const { reason, ...changes } = request;
      this.complaints.applyChanges(complaint, changes);
      await manager.getRepository(Complaint).save(complaint);
      const open = await manager.getRepository(Referral).find({ where: { complaintId, status: In(OPEN_STATUSES) }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const evidence = await this.evidence.list(complaintId);
      const now = new Date();
      const amended: Referral[] = [];
      for (const referral of open) {
        const partner = await this.partners.get(referral.partnerId);
        const previous = await manager.getRepository(ReferralDocumentRecord).findOneOrFail({ where: { referralId: referral.id }, order: { version: 'DESC' } });
        referral.version = previous.version + 1;
        await manager.update(Referral, { id: referral.id }, { version: referral.version });
        await this.issueDocument(manager, referral, partner, complaint, evidence, now, staff.subject, `amended (version ${referral.version}): ${reason}`, referral.status, previous.documentId);
        amended.push(await manager.getRepository(Referral).findOneByOrFail({ id: referral.id }));
      }
      return { complaintId, referrals: amended.map((referral) => toReferralView(referral)) };
    });
  }

  async timeline(complaintId: string): Promise<TimelineView> {
    const complaint = await this.complaints.get(complaintId);
    const referrals = await this.dataSource.getRepository(Referral).find({ where: { complaintId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const events = referrals.length
      ? await this.dataSource.getRepository(ReferralEvent).find({ where: { referralId: In(referrals.map((referral) => referral.id)) }, order: { id: 'ASC' } })
      : [];
    return {
      complaintId,
      referenceCode: complaint.referenceCode,
      referrals: referrals.map((referral) => toReferralView(referral, events.filter((event) => event.referralId === referral.id))),
    };
  }

  /** What a complainant may learn from a reference code: which agencies hold the case, and their status. Nothing personal. */
  async track(referenceCode: string): Promise<TrackingView> {
    const code = parseReferenceCode(referenceCode);
    const complaint = code ? await this.dataSource.getRepository(Complaint).findOneBy({ referenceCode: code }) : null;
    if (!complaint) throw new ReferralError('REFERENCE_CODE_UNKNOWN', 'No case has this reference code.');
    const referrals = await this.dataSource.getRepository(Referral).find({ where: { complaintId: complaint.id }, order: { createdAt: 'ASC' } });
    const partners = new Map((await this.partners.list()).map((partner) => [partner.id, partner]));
    return {
      referenceCode: complaint.referenceCode,
      receivedAt: complaint.receivedAt.toISOString(),
      agencies: referrals.map((referral) => ({
        agencyTh: partners.get(referral.partnerId)?.nameTh ?? referral.partnerId,
        agencyEn: partners.get(referral.partnerId)?.nameEn ?? referral.partnerId,
        status: referral.status,
        since: referral.updatedAt.toISOString(),
      })),
    };
  }

  async signedDocument(referralId: string): Promise<ReferralDocumentRecord | null> {
    return this.dataSource.getRepository(ReferralDocumentRecord).findOne({ where: { referralId }, order: { version: 'DESC' } });
  }

  /** Builds, validates, signs and stores one version of a referral's document, records it, and queues its push. */
  private async issueDocument(
    manager: EntityManager,
    referral: Referral,
    partner: Partner,
    complaint: Complaint,
    evidence: EvidenceItem[],
    now: Date,
    actor: string,
    note: string | null,
    status: ReferralStatus,
    previousDocumentId?: string,
  ): Promise<void> {
    const documentId = randomUUID();
    const document = buildReferralDocument({
      documentId,
      issuedAt: now,
      referral,
      ...(previousDocumentId ? { previousDocumentId } : {}),
      partnerKind: partner.kind,
      complaint: {
        ...complaint,
        complainant: { name: complaint.complainantName, phone: complaint.complainantPhone, email: complaint.complainantEmail, lineId: complaint.complainantLineId },
      },
      evidence,
      retentionDays: this.settings.REFERRAL_RETENTION_DAYS,
    });
    const validation = this.schemas.validate('referral', document);
    // A hub-built document that breaks the published schema is a bug, never something to send.
    if (!validation.valid) throw new Error(`built referral does not validate: ${validation.errors.map((e) => e.message).join('; ')}`);
    const jws = this.signing.sign('referral', document, now);
    await manager.getRepository(ReferralDocumentRecord).insert({ documentId, referralId: referral.id, version: referral.version, jws });
    await this.recordEvent(manager, referral.id, status, 'staff', actor, note, documentId, now);
    if (partner.deliveryMode === 'push' && partner.endpointUrl) {
      await this.outbox.enqueue(manager, { referralId: referral.id, partnerId: partner.id, documentType: 'ocx.referral', endpointUrl: partner.endpointUrl, payload: jws });
    }
  }

  private async moveIfAt(manager: EntityManager, referralId: string, from: ReferralStatus[], to: ReferralStatus, source: ReferralEventSource, actor: string, note: string | null): Promise<boolean> {
    const result = await manager.update(Referral, { id: referralId, status: In(from) }, { status: to });
    if (!result.affected) return false;
    await this.recordEvent(manager, referralId, to, source, actor, note, null, new Date());
    return true;
  }

  private async recordEvent(manager: EntityManager, referralId: string, status: ReferralStatus, source: ReferralEventSource, actor: string, note: string | null, documentId: string | null, at: Date): Promise<void> {
    await manager.getRepository(ReferralEvent).insert({ referralId, status, source, actor, note, documentId, occurredAt: at });
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, HUB_ACTOR, type AuditEntries } from '../audit/audit.service.js';
import { PreparedStatement } from '../database/prepared-statement.js';
import type { Principal } from '../auth/roles.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { ComplaintError } from '../complaints/complaints.errors.js';
import { referredToAgencies } from '../matching/matching.service.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { parseReferenceCode } from '../complaints/reference-code.js';
import { Settings } from '../config/settings.js';
import { Outbox, type NewOutboxMessage } from '../delivery/outbox.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { Partner } from '../partners/partner.entity.js';
import { SigningService } from '../signing/signing.service.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import { buildReferralDocument } from './build-referral-document.js';
import { DispatchResultView, toReferralView, type AmendComplaintDto, type ReferralView, type DispatchReferralsDto, type TimelineView, type TrackingView } from './dto/referral.dto.js';
import { claimIdempotencyKey, recordIdempotentResponse } from './idempotency.js';
import { ReferralDocumentRecord } from './referral-document.entity.js';
import { ReferralEvent, type ReferralEventSource } from './referral-event.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralError } from './referrals.errors.js';
import type { PartnerKind, ReferralStatus } from '../standard/codes.js';

/** What dispatch needs to know of a partner. */
interface DispatchTarget {
  id: string;
  kind: PartnerKind;
  active: boolean;
  deliveryMode: 'push' | 'pull';
  endpointUrl: string | null;
  slaResolveDays: number;
}

interface ManifestEntry {
  id: string;
  kind: string;
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
}

interface IssuedDocuments {
  documents: Array<{ documentId: string; referralId: string; version: number; jws: string; createdAt: Date }>;
  events: Array<{ referralId: string; status: ReferralStatus; source: ReferralEventSource; actor: string; note: string | null; documentId: string; occurredAt: Date }>;
  pushes: Array<NewOutboxMessage & { id: string }>;
}

/**
 * Writes new referrals, their signed documents, history and outbox messages, marks
 * the complaint dispatched, tells matching of the new agencies, and appends the
 * audit entries, in one statement (data-modifying CTEs) prepared once per
 * connection: one round trip instead of seven on the hottest path of the hub. The
 * audit chain's lock is taken last, so it is held only until the commit that follows.
 */
const WRITE_DISPATCH = new PreparedStatement(
  'ocx_write_dispatch',
  `WITH new_referral AS (
     INSERT INTO referral (id, complaint_id, partner_id, status, version, requested_action, note, due_at, created_by, created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::text[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::timestamptz[], $10::timestamptz[])
     RETURNING id),
   new_document AS (
     INSERT INTO referral_document (document_id, referral_id, version, jws, created_at)
     SELECT * FROM unnest($11::uuid[], $12::uuid[], $13::int[], $14::text[], $15::timestamptz[])),
   new_event AS (
     INSERT INTO referral_event (referral_id, status, source, actor, note, document_id, occurred_at)
     SELECT * FROM unnest($16::uuid[], $17::text[], $18::text[], $19::text[], $20::text[], $21::uuid[], $22::timestamptz[])),
   new_push AS (
     INSERT INTO outbox_message (id, referral_id, partner_id, document_type, endpoint_url, payload, status, attempts, next_attempt_at)
     SELECT id, referral_id, partner_id, document_type, endpoint_url, payload, 'pending', 0, now()
     FROM unnest($23::uuid[], $24::uuid[], $25::varchar[], $26::text[], $27::text[], $28::text[]) AS push(id, referral_id, partner_id, document_type, endpoint_url, payload)),
   dispatched AS (UPDATE complaint SET status = 'dispatched', updated_at = now() WHERE id = $29::uuid AND status <> 'dispatched'),
   ${referredToAgencies('$29::uuid', '$3::varchar[]')}
   SELECT audit_append($30::jsonb[], $31::text[]) AS audit_seq`,
);

function writeDispatch(manager: EntityManager, complaintId: string, referrals: Referral[], issued: IssuedDocuments, audit: AuditEntries): Promise<unknown> {
  const column = <T, V>(rows: T[], pick: (row: T) => V): V[] => rows.map(pick);
  return WRITE_DISPATCH.run(manager, [
    column(referrals, (r) => r.id), column(referrals, (r) => r.complaintId), column(referrals, (r) => r.partnerId), column(referrals, (r) => r.status),
    column(referrals, (r) => r.version), column(referrals, (r) => r.requestedAction), column(referrals, (r) => r.note), column(referrals, (r) => r.dueAt),
    column(referrals, (r) => r.createdBy), column(referrals, (r) => r.createdAt),
    column(issued.documents, (d) => d.documentId), column(issued.documents, (d) => d.referralId), column(issued.documents, (d) => d.version),
    column(issued.documents, (d) => d.jws), column(issued.documents, (d) => d.createdAt),
    column(issued.events, (e) => e.referralId), column(issued.events, (e) => e.status), column(issued.events, (e) => e.source), column(issued.events, (e) => e.actor),
    column(issued.events, (e) => e.note), column(issued.events, (e) => e.documentId), column(issued.events, (e) => e.occurredAt),
    column(issued.pushes, (p) => p.id), column(issued.pushes, (p) => p.referralId), column(issued.pushes, (p) => p.partnerId), column(issued.pushes, (p) => p.documentType),
    column(issued.pushes, (p) => p.endpointUrl), column(issued.pushes, (p) => p.payload),
    complaintId, audit.records, audit.canonical,
  ]);
}

const OPEN_STATUSES: ReferralStatus[] = ['dispatched', 'delivered', 'acknowledged', 'in_progress', 'info_requested'];

/** Dispatching complaints to agencies as signed referrals, and following them. */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly evidence: EvidenceService,
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly outbox: Outbox,
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A push answered 2xx: the referral is delivered (unless the partner has already moved it on).
    this.outbox.onDelivered('ocx.referral', async (manager, message) => {
      await this.audit.record(HUB_ACTOR, { action: 'referral.pushed', subjectType: 'referral', subjectId: message.referralId, partnerId: message.partnerId, details: { delivery: message.id, attempts: message.attempts } }, manager);
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
      const body = await this.dispatchWithin(manager, complaintId, request, staff);
      if (idempotencyKey) await recordIdempotentResponse(manager, staff.subject, idempotencyKey, 201, body);
      return { status: 201, body };
    });
  }

  private async dispatchWithin(manager: EntityManager, complaintId: string, request: DispatchReferralsDto, staff: Principal): Promise<DispatchResultView> {
    const complaint = await manager.getRepository(Complaint).findOne({ where: { id: complaintId }, lock: { mode: 'pessimistic_write' } });
    if (!complaint) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${complaintId}.`);
    // Partners, open referrals and evidence in one round trip: dispatch is the hot path.
    const [context] = (await manager.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'active', p.active, 'deliveryMode', p.delivery_mode,
                   'endpointUrl', p.endpoint_url, 'slaResolveDays', p.sla_resolve_days)), '[]') FROM partner p WHERE p.id = ANY($2)) AS partners,
         (SELECT coalesce(json_agg(json_build_object('id', r.id, 'partnerId', r.partner_id)), '[]') FROM referral r
            WHERE r.complaint_id = $1 AND r.partner_id = ANY($2) AND r.status = ANY($3)) AS open,
         (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'sha256', e.sha256, 'size', e.size, 'mediaType', e.media_type,
                   'filename', e.filename) ORDER BY e.created_at, e.id), '[]') FROM evidence_item e WHERE e.complaint_id = $1) AS evidence`,
      [complaintId, request.partners, OPEN_STATUSES],
    )) as [{ partners: DispatchTarget[]; open: Array<{ id: string; partnerId: string }>; evidence: ManifestEntry[] }];
    const found = new Map(context.partners.map((partner) => [partner.id, partner]));
    const unavailable = request.partners.filter((id) => !found.get(id)?.active);
    if (unavailable.length > 0) {
      throw new ReferralError('REFERRAL_PARTNER_UNAVAILABLE', `Not a registered, active agency: ${unavailable.join(', ')}.`, {}, unavailable.map((id) => ({ path: 'partners', message: `${id} is not a registered, active partner` })));
    }
    if (context.open.length > 0) {
      throw new ReferralError('REFERRAL_ALREADY_OPEN', `Already referred and still open: ${context.open.map((referral) => referral.partnerId).join(', ')}.`, { referrals: context.open.map((referral) => referral.id) });
    }
    const now = new Date();
    const partners = request.partners.map((id) => found.get(id)!);
    const created = partners.map((partner) =>
      manager.getRepository(Referral).create({
        id: randomUUID(),
        complaintId,
        partnerId: partner.id,
        status: 'dispatched',
        version: 1,
        requestedAction: request.requestedAction ?? 'investigate',
        note: request.note ?? null,
        dueAt: request.dueAt ? new Date(request.dueAt) : new Date(now.getTime() + partner.slaResolveDays * 86_400_000),
        createdBy: staff.subject,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const issued = this.issueDocuments(created.map((referral, index) => ({ referral, partner: partners[index]! })), complaint, context.evidence, now, staff.subject, request.note ?? null);
    const audit = this.audit.entries(
      staff,
      created.map((referral, index) => ({ action: 'referral.dispatched', subjectType: 'referral', subjectId: referral.id, partnerId: referral.partnerId, details: { documentId: issued.documents[index]!.documentId, evidence: context.evidence.length } })),
    );
    await writeDispatch(manager, complaintId, created, issued, audit);
    return { complaintId, referrals: created.map((referral) => toReferralView(referral)) };
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
      await this.complaints.saveChanges(manager, complaint);
      const open = await manager.getRepository(Referral).find({ where: { complaintId, status: In(OPEN_STATUSES) }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const evidence: ManifestEntry[] = await this.evidence.list(complaintId);
      const now = new Date();
      const amended: Referral[] = [];
      for (const referral of open) {
        await this.reissue(manager, referral, complaint, evidence, now, staff, 'referral.amended', (version) => `amended (version ${version}): ${reason}`);
        amended.push(await manager.getRepository(Referral).findOneByOrFail({ id: referral.id }));
      }
      return { complaintId, referrals: amended.map((referral) => toReferralView(referral)) };
    });
  }

  /** Staff answer a partner's request for information: the answer reaches the partner as a new version of the referral. */
  async answerInformationRequest(referralId: string, text: string, staff: Principal): Promise<ReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockReferral(manager, referralId);
      if (referral.status !== 'info_requested') {
        throw new ReferralError('REFERRAL_NOT_AWAITING_INFORMATION', `Referral ${referralId} is ${referral.status}; only a referral in info_requested awaits an answer.`);
      }
      const complaint = await manager.getRepository(Complaint).findOneByOrFail({ id: referral.complaintId });
      const evidence: ManifestEntry[] = await this.evidence.list(referral.complaintId);
      await this.reissue(manager, referral, complaint, evidence, new Date(), staff, 'referral.information_answered', (version) => `answered (version ${version}): ${text}`, text);
      return toReferralView(await manager.getRepository(Referral).findOneByOrFail({ id: referralId }), await this.historyOf(manager, referralId));
    });
  }

  /** Staff confirm a partner's `transferred`: the case is dispatched to the agency it named, in the same transaction. */
  async confirmTransfer(referralId: string, staff: Principal): Promise<DispatchResultView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockReferral(manager, referralId);
      if (referral.status !== 'transferred' || !referral.transferTo) {
        throw new ReferralError('REFERRAL_NOT_TRANSFERRED', `Referral ${referralId} is ${referral.status}; only a transferred referral can be confirmed.`);
      }
      if (referral.transferredAs) throw new ReferralError('REFERRAL_NOT_TRANSFERRED', `This transfer was already confirmed as referral ${referral.transferredAs}.`);
      const from = referral.partnerId;
      const result = await this.dispatchWithin(manager, referral.complaintId, { partners: [referral.transferTo], requestedAction: referral.requestedAction, note: `โอนเรื่องจาก ${from} (transferred from ${from})` }, staff);
      const created = result.referrals[0]!;
      await manager.update(Referral, { id: referralId }, { transferredAs: created.id });
      await this.audit.record(staff, { action: 'referral.transfer_confirmed', subjectType: 'referral', subjectId: referralId, partnerId: from, details: { newReferral: created.id, to: created.partnerId } }, manager);
      await manager.getRepository(ReferralEvent).insert({ referralId, status: 'transferred', source: 'staff', actor: staff.subject, note: `transfer confirmed: new referral ${created.id} to ${referral.transferTo}`, documentId: null, occurredAt: new Date() });
      return result;
    });
  }

  async list(status: ReferralStatus | undefined, partnerId: string | undefined, limit: number): Promise<Referral[]> {
    return this.dataSource.getRepository(Referral).find({
      where: { ...(status ? { status } : {}), ...(partnerId ? { partnerId } : {}) },
      order: { updatedAt: 'ASC' },
      take: limit,
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
    const partners = new Map((await this.dataSource.getRepository(Partner).findBy({ id: In(referrals.map((referral) => referral.partnerId)) })).map((partner) => [partner.id, partner]));
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

  /** The next version of one referral's document (amendment, answer), signed, stored, recorded, audited and queued. */
  private async reissue(manager: EntityManager, referral: Referral, complaint: Complaint, evidence: ManifestEntry[], now: Date, staff: Principal, action: string, historyNote: (version: number) => string, documentNote?: string): Promise<void> {
    const partner: DispatchTarget = await manager.getRepository(Partner).findOneByOrFail({ id: referral.partnerId });
    const previous = await manager.getRepository(ReferralDocumentRecord).findOneOrFail({ where: { referralId: referral.id }, order: { version: 'DESC' } });
    referral.version = previous.version + 1;
    await manager.update(Referral, { id: referral.id }, { version: referral.version });
    const issued = this.issueDocuments([{ referral, partner, previousDocumentId: previous.documentId, documentNote }], complaint, evidence, now, staff.subject, historyNote(referral.version));
    const audit = this.audit.entries(staff, { action, subjectType: 'referral', subjectId: referral.id, partnerId: referral.partnerId, details: { version: referral.version } });
    await writeDispatch(manager, complaint.id, [], issued, audit);
  }

  private async lockReferral(manager: EntityManager, referralId: string): Promise<Referral> {
    const referral = /^[0-9a-f-]{36}$/i.test(referralId) ? await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!referral) throw new ReferralError('REFERRAL_NOT_FOUND', `There is no referral ${referralId}.`);
    return referral;
  }

  private historyOf(manager: EntityManager, referralId: string): Promise<ReferralEvent[]> {
    return manager.getRepository(ReferralEvent).find({ where: { referralId }, order: { id: 'ASC' } });
  }

  /** Builds, validates and signs a version of each referral's document, with its history entry and push. No I/O. */
  private issueDocuments(
    items: Array<{ referral: Referral; partner: DispatchTarget; previousDocumentId?: string; documentNote?: string }>,
    complaint: Complaint,
    evidence: ManifestEntry[],
    now: Date,
    actor: string,
    note: string | null,
  ): IssuedDocuments {
    const issued: IssuedDocuments = { documents: [], events: [], pushes: [] };
    const complainant = { name: complaint.complainantName, phone: complaint.complainantPhone, email: complaint.complainantEmail, lineId: complaint.complainantLineId };
    for (const { referral, partner, previousDocumentId, documentNote } of items) {
      const documentId = randomUUID();
      const document = buildReferralDocument({
        documentId,
        issuedAt: now,
        referral,
        ...(previousDocumentId ? { previousDocumentId } : {}),
        ...(documentNote ? { note: documentNote } : {}),
        partnerKind: partner.kind,
        complaint: { ...complaint, complainant },
        evidence,
        retentionDays: this.settings.REFERRAL_RETENTION_DAYS,
      });
      const validation = this.schemas.validate('referral', document);
      // A hub-built document that breaks the published schema is a bug, never something to send.
      if (!validation.valid) throw new Error(`built referral does not validate: ${validation.errors.map((e) => e.message).join('; ')}`);
      const jws = this.signing.sign('referral', document, now);
      issued.documents.push({ documentId, referralId: referral.id, version: referral.version, jws, createdAt: now });
      issued.events.push({ referralId: referral.id, status: referral.status, source: 'staff', actor, note, documentId, occurredAt: now });
      if (partner.deliveryMode === 'push' && partner.endpointUrl) {
        issued.pushes.push({ id: randomUUID(), referralId: referral.id, partnerId: partner.id, documentType: 'ocx.referral', endpointUrl: partner.endpointUrl, payload: jws });
      }
    }
    return issued;
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

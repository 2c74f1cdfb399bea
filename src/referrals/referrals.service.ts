import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, HUB_ACTOR } from '../audit/audit.service.js';
import type { Principal } from '../access/roles.js';
import { ComplaintError } from '../complaints/complaints.errors.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { retryOnConflict } from '../database/transient-conflict.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { parseReferenceCode } from '../complaints/reference-code.js';
import { Settings } from '../config/settings.js';
import { Outbox } from '../delivery/outbox.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { SigningService } from '../signing/signing.service.js';
import { TakedownsService } from '../takedowns/takedowns.service.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import { transactOn } from '../sealing/transact.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import { buildReferralDocument, changedMembers } from './build-referral-document.js';
import type { ReferralDocument } from '../standard/documents/index.js';
import { type AmendComplaintDto, type DispatchReferralsDto } from './dto/referral.dto.js';
import { DispatchResultView, toReferralView, type ReferralPreviewListView, type ReferralPreviewView, type ReferralView, type TimelineView, type TrackingView } from './dto/referral.view.js';
import { ANSWER_NOTE_PREFIX, AWAITS_ANSWER, awaitingAnswer, readDispatchContext, writeDispatch, type ComplaintSnapshot, type DispatchTarget, type IssuedDocuments, type ManifestEntry, type NewReferral } from './referrals.sql.js';
import { idempotentRequest, replayOf, type IdempotentRequest } from '../idempotency/idempotency.js';
import { ReferralDocumentRecord } from './referral-document.entity.js';
import { openReferralJws, resealReferralDocuments, sealReferralJws } from './referral-document-sealing.js';
import { ReferralEvent, type ReferralEventSource } from './referral-event.entity.js';
import { OPEN_STATUSES } from './referral-status.js';
import { Referral } from './referral.entity.js';
import { ReferralError } from './referrals.errors.js';
import type { ReferralStatus } from '../standard/codes.js';
import { isUuid } from '../common/ids.js';
import { Clock } from '../common/clock.js';
import { keysetPageByTime } from '../common/keyset-page.js';
import { CommonError } from '../common/common.errors.js';
import { chooseDataClasses, classesToSend, defaultDataClasses, type DataClass } from '../standard/data-classes.js';

/** Tries before a dispatch gives up on a complaint that keeps changing under it. */
const DISPATCH_ATTEMPTS = 3;

/** Dispatching complaints to agencies as signed referrals, and following them. */
@Injectable()
export class ReferralsService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly partners: PartnersService,
    private readonly evidence: EvidenceService,
    private readonly signing: SigningService,
    private readonly schemas: SchemaRegistry,
    private readonly outbox: Outbox,
    private readonly settings: Settings,
    private readonly audit: AuditService,
    private readonly ring: DataKeyRing,
    private readonly takedowns: TakedownsService,
    private readonly clock: Clock,
  ) {}

  /** Referral documents stored in clear by an older version of the hub are sealed before the hub serves. */
  async onApplicationBootstrap(): Promise<void> {
    await resealReferralDocuments(this.ring, transactOn(this.dataSource), 'unsealed');
  }

  onModuleInit(): void {
    // A push answered 2xx: the referral is delivered (unless the partner has already moved it on).
    this.outbox.onDelivered('ocx.referral', async (manager, message) => {
      // Lock order (ARCHITECTURE.md): the referral's row first, the audit chain last, as a status event takes them.
      if (message.referralId) await this.moveIfAt(manager, message.referralId, ['dispatched'], 'delivered', 'hub', 'delivery', `pushed to ${message.endpointUrl}`);
      await this.audit.record(HUB_ACTOR, { action: 'referral.pushed', subjectType: 'referral', subjectId: message.referralId, partnerId: message.partnerId, details: { delivery: message.id, attempts: message.attempts } }, manager);
    });
  }

  /**
   * One referral per agency, each frozen as a signed Referral document, with an
   * outbox message for agencies that take pushes, all written by one statement.
   */
  async dispatch(complaintId: string, request: DispatchReferralsDto, staff: Principal, idempotencyKey?: string): Promise<{ status: number; body: DispatchResultView }> {
    const idempotent = idempotencyKey ? idempotentRequest(staff.subject, idempotencyKey, `dispatch:${complaintId}`, request) : undefined;
    return this.dispatchOn(this.dataSource, complaintId, request, staff, idempotent);
  }

  /**
   * Reads, builds and signs, then writes only if the complaint is still as read
   * (see dispatch-statements.ts); otherwise reads again. On a DataSource the write
   * is its own transaction; on an EntityManager it joins the caller's.
   */
  private async dispatchOn(on: DataSource | EntityManager, complaintId: string, request: DispatchReferralsDto, staff: Principal, idempotent?: IdempotentRequest): Promise<{ status: number; body: DispatchResultView }> {
    for (let attempt = 1; ; attempt++) {
      const context = await readDispatchContext(on, complaintId, request.partners, idempotent);
      const replay = idempotent ? replayOf<DispatchResultView>(idempotent, context?.earlier ?? null) : null;
      if (replay) return replay;
      if (!context) throw new ComplaintError('COMPLAINT_NOT_FOUND', `There is no complaint ${complaintId}.`);
      if (context.withdrawn) throw new ComplaintError('COMPLAINT_WITHDRAWN', `Complaint ${complaintId} was withdrawn: it is dispatched to no one.`);
      const found = new Map(context.partners.map((partner) => [partner.id, partner]));
      const unavailable = request.partners.filter((id) => !found.get(id)?.active);
      if (unavailable.length > 0) {
        throw new ReferralError('REFERRAL_PARTNER_UNAVAILABLE', `Not a registered, active agency: ${unavailable.join(', ')}.`, {}, unavailable.map((id) => ({ path: 'partners', message: `${id} is not a registered, active partner` })));
      }
      if (context.open.length > 0) {
        throw new ReferralError('REFERRAL_ALREADY_OPEN', `Already referred and still open: ${context.open.map((referral) => referral.partnerId).join(', ')}.`, { referrals: context.open.map((referral) => referral.id) });
      }
      // The hub's clock: due dates are deadlines, and tests rehearse them by moving it.
      const now = this.clock.now();
      const partners = request.partners.map((id) => found.get(id)!);
      const dataClasses = dataClassesOfDispatch(request, partners);
      const referrals: NewReferral[] = partners.map((partner) => ({
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
        complainantFields: request.complainantFields ? [...request.complainantFields] : null,
        dataClasses: dataClasses.get(partner.id)!,
      }));
      const complaint = await this.complaints.openSnapshot(context.complaint);
      const issued = this.issueDocuments(referrals.map((referral, index) => ({ referral, partner: partners[index]!, sequence: 1 })), complaint, context.evidence, now, staff.subject, request.note ?? null);
      const audit = this.audit.entries(
        staff,
        referrals.map((referral, index) => ({ action: 'referral.dispatched', subjectType: 'referral', subjectId: referral.id, partnerId: referral.partnerId, documentSha256: issued.documents[index]!.jwsSha256, details: { documentId: issued.documents[index]!.documentId, evidence: context.evidence.length } })),
      );
      const body: DispatchResultView = { complaintId, referrals: referrals.map((referral) => toReferralView(referral)) };
      try {
        // On a DataSource the write is its own transaction, and one that loses a lock race runs again.
        const write = (): Promise<boolean> => writeDispatch(on, { complaintId, expectedVersion: context.complaint.version, referrals, issued, audit, ...(idempotent ? { idempotent: { ...idempotent, status: 201, body } } : {}) });
        const written = on instanceof DataSource ? await retryOnConflict(write) : await write();
        if (written) return { status: 201, body };
      } catch (error) {
        // A concurrent request with the same Idempotency-Key was written first: the next read finds its answer.
        if (!(idempotent && isUniqueViolation(error, 'idempotency_record_pkey'))) throw error;
      }
      if (attempt === DISPATCH_ATTEMPTS) {
        throw new ReferralError('DISPATCH_CONFLICT', `Complaint ${complaintId} changed ${DISPATCH_ATTEMPTS} times while it was being dispatched; nothing was dispatched. Look at it again and retry.`);
      }
    }
  }

  /**
   * Changes a dispatched complaint: each open referral gets a new version of its
   * Referral document (naming the one it replaces), signed and delivered like the first.
   */
  async amend(complaintId: string, request: AmendComplaintDto, staff: Principal): Promise<DispatchResultView> {
    return this.dataSource.transaction(async (manager) => {
      const { reason, ...changes } = request;
      const complaint = await this.complaints.amend(manager, complaintId, changes);
      const open = await manager.getRepository(Referral).find({ where: { complaintId, status: In([...OPEN_STATUSES]) }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const evidence: ManifestEntry[] = await this.evidence.list(complaintId, manager);
      // The hub's clock, as at dispatch: the new versions are dated as tests and rehearsals set it.
      const now = this.clock.now();
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
      // One answer per request: more facts reach every agency as an amendment of the complaint.
      const [{ awaiting }] = (await manager.query(AWAITS_ANSWER, [referralId])) as [{ awaiting: boolean }];
      if (!awaiting) {
        throw new ReferralError('INFORMATION_ALREADY_ANSWERED', `The request of ${referral.partnerId} on referral ${referralId} was answered (version ${referral.version}); it waits for the agency. Further facts reach the agencies as an amendment of the complaint.`);
      }
      const complaint = await this.complaints.snapshot(manager, referral.complaintId);
      const evidence: ManifestEntry[] = await this.evidence.list(referral.complaintId, manager);
      await this.reissue(manager, referral, complaint, evidence, this.clock.now(), staff, 'referral.information_answered', (version) => `${ANSWER_NOTE_PREFIX}${version}): ${text}`, text);
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
      const { body: result } = await this.dispatchOn(manager, referral.complaintId, { partners: [referral.transferTo], requestedAction: referral.requestedAction, note: `โอนเรื่องจาก ${from} (transferred from ${from})` }, staff);
      const created = result.referrals[0]!;
      await manager.update(Referral, { id: referralId }, { transferredAs: created.id });
      await this.audit.record(staff, { action: 'referral.transfer_confirmed', subjectType: 'referral', subjectId: referralId, partnerId: from, details: { newReferral: created.id, to: created.partnerId } }, manager);
      await manager.getRepository(ReferralEvent).insert({ referralId, status: 'transferred', source: 'staff', actor: staff.subject, note: `transfer confirmed: new referral ${created.id} to ${referral.transferTo}`, documentId: null, occurredAt: new Date() });
      return result;
    });
  }

  /** The staff's work list: oldest change first, a page at a time (keyset on the time of the last change and id). */
  async list(status: ReferralStatus | undefined, partnerId: string | undefined, cursor: string | undefined, limit: number, awaitingAnswerOnly = false): Promise<{ referrals: Referral[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(Referral).createQueryBuilder('referral');
    if (status) builder.andWhere('referral.status = :status', { status });
    if (awaitingAnswerOnly) builder.andWhere(awaitingAnswer('referral'));
    if (partnerId) builder.andWhere('referral.partner_id = :partnerId', { partnerId });
    const page = await keysetPageByTime(builder, { alias: 'referral', timeColumn: 'updated_at', direction: 'ASC', kind: 'r', cursor, limit });
    return { referrals: page.rows, nextCursor: page.nextCursor };
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
      takedowns: await this.takedowns.ofComplaint(complaintId),
    };
  }

  /** What a complainant may learn from a reference code: which agencies hold the case, and their status. Nothing personal. */
  async track(referenceCode: string): Promise<TrackingView> {
    const code = parseReferenceCode(referenceCode);
    const complaint = code ? await this.complaints.byReferenceCode(code) : null;
    if (!complaint) throw new ReferralError('REFERENCE_CODE_UNKNOWN', 'No case has this reference code.');
    const referrals = await this.dataSource.getRepository(Referral).find({ where: { complaintId: complaint.id }, order: { createdAt: 'ASC' } });
    const partners = await this.partners.names(referrals.map((referral) => referral.partnerId));
    const takedowns = await this.takedowns.progressOfComplaint(complaint.id);
    return {
      referenceCode: complaint.referenceCode,
      receivedAt: complaint.receivedAt.toISOString(),
      agencies: referrals.map((referral) => ({
        agencyTh: partners.get(referral.partnerId)?.nameTh ?? referral.partnerId,
        agencyEn: partners.get(referral.partnerId)?.nameEn ?? referral.partnerId,
        agencyCaseNumber: referral.partnerCaseNumber,
        status: referral.status,
        since: referral.updatedAt.toISOString(),
      })),
      takedowns,
    };
  }

  /**
   * What each agency would receive if the complaint were dispatched now: the Referral built by the
   * same function dispatch uses (never signed, stored or sent), reduced to what staff check before
   * sending: the complainant as the agency would see it, what is disclosed and what is withheld.
   */
  async preview(complaintId: string, partnerIds: string[], complainantFields?: string[], dataClasses?: Record<string, DataClass[]>): Promise<ReferralPreviewListView> {
    const complaint = await this.complaints.get(complaintId);
    const evidence: ManifestEntry[] = await this.evidence.list(complaintId, this.dataSource.manager);
    const now = new Date();
    const previews: ReferralPreviewView[] = [];
    for (const partnerId of [...new Set(partnerIds)]) {
      const partner = await this.partners.get(partnerId);
      const choice = chooseDataClasses(dataClasses?.[partnerId], partner.kind, partner.dataClasses);
      const document = buildReferralDocument({
        documentId: randomUUID(),
        issuedAt: now,
        referral: { id: randomUUID(), version: 1, partnerId, requestedAction: 'investigate', note: null, dueAt: now, complainantFields: complainantFields ?? null },
        partnerKind: partner.kind,
        // A choice beyond the cover previews what the cover allows, and says what dispatch would refuse.
        dataClasses: choice.ok ? choice.classes : classesToSend(dataClasses?.[partnerId] ?? null, partner.kind, partner.dataClasses),
        complaint,
        evidence,
        retentionDays: this.settings.REFERRAL_RETENTION_DAYS,
      });
      const complainant = document.complaint.complainant as unknown as Record<string, string>;
      const held = (['name', 'phone', 'email', 'lineId', 'nationalId'] as const).filter((field) => Boolean(complaint.complainant[field as keyof typeof complaint.complainant]));
      previews.push({
        partnerId,
        partnerKind: partner.kind,
        dataClasses: document.disclosure.dataClasses ?? [],
        coveredDataClasses: partner.dataClasses,
        defaultDataClasses: defaultDataClasses(partner.kind, partner.dataClasses),
        refusedDataClasses: choice.ok ? [] : choice.uncovered,
        complainant,
        fieldsShared: document.disclosure.fieldsShared,
        withheld: held.map((field) => `complainant.${field}`).filter((field) => !document.disclosure.fieldsShared.includes(field)),
        basis: document.disclosure.basis,
        retainUntil: document.disclosure.retainUntil,
        complaintMembers: Object.keys(document.complaint).filter((member) => member !== 'complainant'),
        subjects: document.complaint.subjects.length,
        evidenceFiles: document.evidence.length,
      });
    }
    return { previews };
  }

  /** The latest Referral JWS of a referral, exactly as signed; null for no such referral. */
  async signedDocument(referralId: string): Promise<string | null> {
    const record = await this.dataSource.getRepository(ReferralDocumentRecord).findOne({ where: { referralId }, order: { version: 'DESC' } });
    return record ? openReferralJws(this.ring, record) : null;
  }

  /**
   * A correction of a complaint (already changed in the caller's transaction), for every referral of it, open or
   * closed: each agency whose Referral would now say something else about a member it received gets a new version
   * (§2.7). Returns, per such referral, the versions that were wrong, the one that replaces them and the members
   * that changed; an agency that received none of the corrected members gets nothing.
   */
  async reissueCorrected(manager: EntityManager, complaint: ComplaintSnapshot, now: Date, staff: Principal, reason: string): Promise<CorrectedReferral[]> {
    const referrals = await manager.getRepository(Referral).find({ where: { complaintId: complaint.id }, order: { createdAt: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const evidence: ManifestEntry[] = await this.evidence.list(complaint.id, manager);
    const corrected: CorrectedReferral[] = [];
    for (const referral of referrals) {
      const partner = await this.partners.dispatchTarget(manager, referral.partnerId);
      const versions = await manager.getRepository(ReferralDocumentRecord).find({ where: { referralId: referral.id }, order: { version: 'ASC' } });
      const before = payloadOf(await openReferralJws(this.ring, versions.at(-1)!)) as unknown as ReferralDocument;
      const after = this.buildDocument({ referral, partner, sequence: 1 }, complaint, evidence, now);
      const changed = changedMembers(before, after);
      if (changed.length === 0) continue;
      await this.reissue(manager, referral, complaint, evidence, now, staff, 'referral.corrected', (version) => `corrected (version ${version}): ${reason}`, undefined, partner);
      const replacement = await manager.getRepository(ReferralDocumentRecord).findOneOrFail({ where: { referralId: referral.id }, order: { version: 'DESC' } });
      corrected.push({ referralId: referral.id, partnerId: referral.partnerId, corrects: versions.map((version) => version.documentId), replacedBy: replacement.documentId, changed });
    }
    return corrected;
  }

  /**
   * A withdrawn complaint (§2.7), in the caller's transaction: every open referral of it becomes `retracted`, with a
   * step in its history. Returns every referral of the complaint, open or closed: each agency gets a Retraction.
   */
  async retractAll(manager: EntityManager, complaintId: string, now: Date, staff: Principal, reason: string): Promise<Array<{ referralId: string; partnerId: string }>> {
    const referrals = await manager.getRepository(Referral).find({ where: { complaintId }, order: { createdAt: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const open = referrals.filter((referral) => OPEN_STATUSES.includes(referral.status));
    if (open.length > 0) {
      await manager.update(Referral, { id: In(open.map((referral) => referral.id)) }, { status: 'retracted', closedAt: now });
      await manager.getRepository(ReferralEvent).insert(open.map((referral) => ({ referralId: referral.id, status: 'retracted' as const, source: 'staff' as const, actor: staff.subject, note: `retracted: ${reason}`, documentId: null, occurredAt: now })));
    }
    return referrals.map((referral) => ({ referralId: referral.id, partnerId: referral.partnerId }));
  }

  /** The next version of one referral's document (amendment, answer), signed, stored, recorded, audited and queued. */
  private async reissue(
    manager: EntityManager, referral: Referral, complaint: ComplaintSnapshot, evidence: ManifestEntry[], now: Date, staff: Principal, action: string,
    historyNote: (version: number) => string, documentNote?: string, target?: DispatchTarget,
  ): Promise<void> {
    const partner = target ?? (await this.partners.dispatchTarget(manager, referral.partnerId));
    const previous = await manager.getRepository(ReferralDocumentRecord).findOneOrFail({ where: { referralId: referral.id }, order: { version: 'DESC' } });
    referral.version = previous.version + 1;
    await manager.update(Referral, { id: referral.id }, { version: referral.version });
    const sequence = (await this.outbox.nextSequences(manager, [referral.id])).get(referral.id)!;
    const issued = this.issueDocuments([{ referral, partner, sequence, previousDocumentId: previous.documentId, documentNote }], complaint, evidence, now, staff.subject, historyNote(referral.version));
    const audit = this.audit.entries(staff, { action, subjectType: 'referral', subjectId: referral.id, partnerId: referral.partnerId, documentSha256: issued.documents[0]!.jwsSha256, details: { version: referral.version } });
    // The caller's transaction holds the referral's lock: no version to check.
    if (!(await writeDispatch(manager, { complaintId: complaint.id, expectedVersion: null, referrals: [], issued, audit }))) throw new Error(`complaint ${complaint.id} vanished during a reissue`);
  }

  private async lockReferral(manager: EntityManager, referralId: string): Promise<Referral> {
    const referral = isUuid(referralId) ? await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!referral) throw new ReferralError('REFERRAL_NOT_FOUND', `There is no referral ${referralId}.`);
    return referral;
  }

  private historyOf(manager: EntityManager, referralId: string): Promise<ReferralEvent[]> {
    return manager.getRepository(ReferralEvent).find({ where: { referralId }, order: { id: 'ASC' } });
  }

  /** Builds, validates and signs a version of each referral's document, with its history entry and push. No I/O. */
  private issueDocuments(
    items: Array<{ referral: NewReferral; partner: DispatchTarget; sequence: number; previousDocumentId?: string; documentNote?: string }>,
    complaint: ComplaintSnapshot,
    evidence: ManifestEntry[],
    now: Date,
    actor: string,
    note: string | null,
  ): IssuedDocuments {
    const issued: IssuedDocuments = { documents: [], events: [], pushes: [] };
    for (const item of items) {
      const { referral, partner, sequence } = item;
      const document = this.buildDocument(item, complaint, evidence, now);
      const documentId = document.id;
      const validation = this.schemas.validate('referral', document);
      // A hub-built document that breaks the published schema is a bug, never something to send.
      if (!validation.valid) throw new Error(`built referral does not validate: ${validation.errors.map((e) => e.message).join('; ')}`);
      const jws = this.signing.sign('referral', document, now);
      issued.documents.push({ documentId, referralId: referral.id, version: referral.version, sequence, jws: sealReferralJws(this.ring, documentId, jws), jwsSha256: createHash('sha256').update(jws).digest('hex'), createdAt: now });
      issued.events.push({ referralId: referral.id, status: referral.status, source: 'staff', actor, note, documentId, occurredAt: now });
      if (partner.deliveryMode === 'push' && partner.endpointUrl) {
        issued.pushes.push(this.outbox.sealed({ id: randomUUID(), referralId: referral.id, partnerId: partner.id, documentType: 'ocx.referral', endpointUrl: partner.endpointUrl, payload: jws }));
      }
    }
    return issued;
  }

  /** One version of a referral's document as the hub would sign it now (unsigned; pure but for the settings). */
  private buildDocument(
    item: { referral: NewReferral; partner: DispatchTarget; sequence: number; previousDocumentId?: string; documentNote?: string },
    complaint: ComplaintSnapshot,
    evidence: ManifestEntry[],
    now: Date,
  ): ReferralDocument {
    const { referral, partner, sequence, previousDocumentId, documentNote } = item;
    return buildReferralDocument({
      documentId: randomUUID(),
      issuedAt: now,
      referral,
      sequence,
      ...(previousDocumentId ? { previousDocumentId } : {}),
      ...(documentNote ? { note: documentNote } : {}),
      partnerKind: partner.kind,
      dataClasses: classesToSend(referral.dataClasses, partner.kind, partner.dataClasses),
      complaint,
      evidence,
      retentionDays: this.settings.REFERRAL_RETENTION_DAYS,
    });
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

/**
 * The data classes each recipient of a dispatch gets (§2.1): the dispatcher's choice, else its kind's default within
 * its cover. A choice naming an agency not dispatched to, or a class beyond an agency's cover, dispatches nothing.
 */
function dataClassesOfDispatch(request: DispatchReferralsDto, partners: DispatchTarget[]): Map<string, DataClass[]> {
  const strangers = Object.keys(request.dataClasses ?? {}).filter((partnerId) => !request.partners.includes(partnerId));
  if (strangers.length > 0) {
    throw new CommonError('VALIDATION_FAILED', `dataClasses names agencies this dispatch does not refer to: ${strangers.join(', ')}.`, {}, strangers.map((partnerId) => ({ path: `dataClasses.${partnerId}`, message: `${partnerId} is not among partners` })));
  }
  const chosen = new Map<string, DataClass[]>();
  const refusals: Array<{ path: string; message: string }> = [];
  for (const partner of partners) {
    const choice = chooseDataClasses(request.dataClasses?.[partner.id], partner.kind, partner.dataClasses);
    if (choice.ok) chosen.set(partner.id, choice.classes);
    else refusals.push({ path: `dataClasses.${partner.id}`, message: `${partner.id}'s legal basis does not cover ${choice.uncovered.join(', ')} (it covers ${partner.dataClasses.join(', ') || 'no class'})` });
  }
  if (refusals.length > 0) throw new ReferralError('REFERRAL_DATA_CLASS_NOT_COVERED', `${refusals.map((refusal) => refusal.message).join('; ')}. Nothing was dispatched.`, {}, refusals);
  return chosen;
}

/** A referral a correction reached: the versions that were wrong, the one that replaces them, the members that changed. */
export interface CorrectedReferral {
  referralId: string;
  partnerId: string;
  corrects: string[];
  replacedBy: string;
  changed: string[];
}

function payloadOf(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

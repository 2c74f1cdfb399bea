import { createHash } from 'node:crypto';
import { DomainError } from '../../common/domain-error.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { PartnerPrincipal } from '../../access/roles.js';
import type { CaseShareDocument } from '../../standard/documents/index.js';
import { InboundDocumentsService, type AcceptedDocument } from '../../inbound/inbound-documents.service.js';
import { MatchingService, type IngestedCase } from '../clusters/matching.service.js';
import { MatchingError } from '../matching.errors.js';
import { LINK_CASE_TO_REFERRAL, REFERRAL_RESTATED } from '../matching.sql.js';

export interface AcceptedCaseShare extends AcceptedDocument<CaseShareDocument> {
  /** Absent for a replay: the case was indexed the first time. */
  matching?: IngestedCase;
  /** The referral this case restates (named, or found by the agency's case number); null for none. */
  referralId?: string | null;
}

/**
 * Cases an agency received directly, shared so that the same subject can be found
 * across agencies. The receipt, the blind-index entries and any MatchNotice are
 * written in one transaction; the raw identifiers are not kept. A new CaseShare
 * for a case number already shared replaces that case's identifiers.
 */
/** Told of each new CaseShare inside its transaction (e.g. takedowns, to flag content uploaded again). */
export type CaseShareListener = (manager: EntityManager, share: { partnerId: string; partnerCaseNumber: string; subjects: CaseShareDocument['subjects'] }) => Promise<void>;

@Injectable()
export class CaseSharesService {
  private readonly listeners: CaseShareListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbound: InboundDocumentsService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
  ) {}

  /** A module above matching that must know of shared cases registers here (matching imports no such module). */
  onCaseShared(listener: CaseShareListener): void {
    this.listeners.push(listener);
  }

  async receive(partner: PartnerPrincipal, jws: string): Promise<AcceptedCaseShare> {
    try {
      return await this.receiveVerified(partner, jws);
    } catch (error) {
      // A refused share is an exchange too: the audit log says who tried, and why it was refused.
      if (error instanceof DomainError) {
        await this.audit.record(partner, { action: 'case_share.refused', subjectType: 'case_share', outcome: 'refused', details: { code: error.code } });
      }
      throw error;
    }
  }

  private async receiveVerified(partner: PartnerPrincipal, jws: string): Promise<AcceptedCaseShare> {
    const verified = await this.inbound.verify<CaseShareDocument>('case-share', jws, partner.partnerId);
    return this.dataSource.transaction(async (manager) => {
      const document = verified.document;
      // The referral it restates: named (it must be one the sender was sent) or found by the sender's case number.
      const [restated] = (await manager.query(REFERRAL_RESTATED, [partner.partnerId, document.referralId ?? null, document.partnerCaseNumber])) as Array<{ referralId: string }>;
      if (document.referralId && !restated) {
        throw new MatchingError('CASE_SHARE_REFERRAL_UNKNOWN', `You were sent no referral ${document.referralId}; name one of your own referrals, or leave referralId out.`, {}, [{ path: 'referralId', message: 'not a referral sent to you' }]);
      }
      const stored = await this.inbound.store(manager, verified, 'live');
      if (stored.replay) return { ...stored, document, referralId: restated?.referralId ?? null };
      const [matching] = await this.matching.ingest(manager, [{
        holder: partner.partnerId,
        caseRef: document.partnerCaseNumber,
        category: document.category,
        subCategory: document.subCategory ?? null,
        reportedAt: new Date(document.receivedAt),
        subjects: document.subjects,
      }]);
      if (restated) await manager.query(LINK_CASE_TO_REFERRAL, [matching!.caseId, restated.referralId]);
      for (const listener of this.listeners) await listener(manager, { partnerId: partner.partnerId, partnerCaseNumber: document.partnerCaseNumber, subjects: document.subjects });
      await this.audit.record(partner, {
        action: 'case_share.received', subjectType: 'case_share', subjectId: stored.receipt.documentId, documentSha256: createHash('sha256').update(jws).digest('hex'),
        details: { subjects: document.subjects.length, indexed: matching!.indexed, clusterId: matching!.clusterId, referralId: restated?.referralId ?? null },
      }, manager);
      return { ...stored, document, matching: matching!, referralId: restated?.referralId ?? null };
    });
  }
}

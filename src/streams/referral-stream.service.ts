import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PartnerPrincipal } from '../access/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../common/ids.js';
import { openCorrectionJws } from '../corrections/correction-sealing.js';
import { CORRECTIONS_OF_REFERRAL } from '../corrections/corrections.sql.js';
import { LAST_DOCUMENT_SEQUENCE } from '../delivery/delivery.sql.js';
import { NOTICES_OF_REFERRAL } from '../matching/matching.sql.js';
import { openReferralJws } from '../referrals/referral-document-sealing.js';
import { ReferralError } from '../referrals/referrals.errors.js';
import { REFERRAL_DOCUMENTS_AFTER, REFERRAL_OF_PARTNER } from '../referrals/referrals.sql.js';
import { DataKeyRing } from '../sealing/data-key-ring.js';
import type { ReferralDocumentsView, StreamDocumentView } from './dto/referral-stream.view.js';

type Row = { id: string; jws: string; sequence: number };

/**
 * A referral's stream (§4.7): every document the hub issued about it, in the order of its number, composed from
 * the statements of the modules that keep each kind (Referral versions, MatchNotices, Corrections and Retractions),
 * for a receiver that saw a gap. One snapshot, so that the documents and `lastSequence` agree.
 */
@Injectable()
export class ReferralStreamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ring: DataKeyRing,
  ) {}

  async documents(partner: PartnerPrincipal, referralId: string, after: number): Promise<ReferralDocumentsView> {
    const partnerId = partner.partnerId;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const owned = isUuid(referralId) ? ((await manager.query(REFERRAL_OF_PARTNER, [referralId, partnerId])) as Row[]) : [];
      // Not "forbidden": a partner must not learn that another partner's referral exists.
      if (owned.length === 0) throw new ReferralError('REFERRAL_NOT_FOUND', `You have no referral ${referralId}.`);
      const versions = (await manager.query(REFERRAL_DOCUMENTS_AFTER, [referralId, after])) as Row[];
      const notices = (await manager.query(NOTICES_OF_REFERRAL, [referralId, partnerId, after])) as Row[];
      const corrections = (await manager.query(CORRECTIONS_OF_REFERRAL, [referralId, partnerId, after])) as Array<Row & { kind: string }>;
      const [stream] = (await manager.query(LAST_DOCUMENT_SEQUENCE, [referralId])) as Array<{ last_sequence: number }>;
      const documents: StreamDocumentView[] = [
        ...(await Promise.all(versions.map(async (row) => ({ sequence: row.sequence, type: 'ocx.referral', documentId: row.id, jws: await openReferralJws(this.ring, { documentId: row.id, jws: row.jws }) })))),
        ...notices.map((row) => ({ sequence: row.sequence, type: 'ocx.match-notice', documentId: row.id, jws: row.jws })),
        ...(await Promise.all(corrections.map(async (row) => ({ sequence: row.sequence, type: `ocx.${row.kind}`, documentId: row.id, jws: await openCorrectionJws(this.ring, { documentId: row.id, jws: row.jws }) })))),
      ].sort((a, b) => a.sequence - b.sequence);
      await this.audit.record(partner, { action: 'referral.documents_read', subjectType: 'referral', subjectId: referralId, details: { after, documents: documents.length } }, manager);
      return { referralId, lastSequence: stream?.last_sequence ?? 0, documents };
    });
  }
}

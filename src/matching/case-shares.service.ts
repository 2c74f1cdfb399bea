import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/roles.js';
import type { CaseShareDocument } from '../standard/documents/index.js';
import { InboundDocumentsService, type AcceptedDocument } from '../standard/inbound-documents.service.js';

/**
 * Cases an agency received directly, shared so that the same subject can be found
 * across agencies. Verified and receipted here; their identifiers are to be
 * normalised into the keyed blind index by the de-duplication work (issue 6), and
 * their raw values are not kept.
 */
@Injectable()
export class CaseSharesService {
  constructor(
    private readonly inbound: InboundDocumentsService,
    private readonly audit: AuditService,
  ) {}

  async receive(partner: Principal & { partnerId: string }, jws: string): Promise<AcceptedDocument<CaseShareDocument>> {
    const accepted = await this.inbound.receive<CaseShareDocument>('case-share', jws, partner.partnerId, 'live');
    if (!accepted.replay) {
      await this.audit.record(partner, { action: 'case_share.received', subjectType: 'case_share', subjectId: accepted.receipt.documentId, details: { subjects: accepted.document.subjects.length } });
    }
    return accepted;
  }
}

import { Injectable } from '@nestjs/common';
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
  constructor(private readonly inbound: InboundDocumentsService) {}

  receive(partnerId: string, jws: string): Promise<AcceptedDocument<CaseShareDocument>> {
    return this.inbound.receive<CaseShareDocument>('case-share', jws, partnerId, 'live');
  }
}

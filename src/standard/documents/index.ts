import type { DocumentName } from '../codes.js';
import { CaseShareDocument } from './case-share.document.js';
import { AcknowledgementDocument, CorrectionDocument, RetractionDocument } from './correction.document.js';
import { MatchNoticeDocument } from './match-notice.document.js';
import { ReferralDocument } from './referral.document.js';
import { StatusEventDocument } from './status-event.document.js';
import { TakedownRequestDocument, TakedownResponseDocument } from './takedown.document.js';

export { AcknowledgementDocument, CaseShareDocument, CorrectionDocument, MatchNoticeDocument, RetractionDocument, ReferralDocument, StatusEventDocument, TakedownRequestDocument, TakedownResponseDocument };

/** The typed class of each OCX v1 document; a test proves each agrees with its JSON Schema on every example. */
export const DOCUMENT_CLASSES = {
  referral: ReferralDocument,
  'status-event': StatusEventDocument,
  'takedown-request': TakedownRequestDocument,
  'takedown-response': TakedownResponseDocument,
  'case-share': CaseShareDocument,
  'match-notice': MatchNoticeDocument,
  correction: CorrectionDocument,
  retraction: RetractionDocument,
  acknowledgement: AcknowledgementDocument,
} as const satisfies Record<DocumentName, new () => object>;

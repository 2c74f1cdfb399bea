import type { CorrectionReason, RetractionReason } from '../standard/codes.js';
import type { CorrectionDocument, RetractionDocument } from '../standard/documents/index.js';

/** What every notice of change about one referral says (§2.7). */
export interface NoticeOfChange {
  documentId: string;
  issuedAt: Date;
  referralId: string;
  recipient: string;
  referenceCode: string;
  sequence: number;
  acknowledgeBy: Date;
  note?: string;
}

/** The Correction an agency receives: which versions were wrong, which replaces them, which members changed. */
export function buildCorrection(notice: NoticeOfChange, correction: { reason: CorrectionReason; corrects: string[]; replacedBy: string; changed: string[] }): CorrectionDocument {
  return {
    type: 'ocx.correction',
    ocxVersion: '1.1',
    ...envelope(notice),
    reason: correction.reason,
    corrects: correction.corrects,
    replacedBy: correction.replacedBy,
    changed: correction.changed,
  } as CorrectionDocument;
}

/** The Retraction an agency receives: 1212 withdrew the complaint, and why. */
export function buildRetraction(notice: NoticeOfChange, retraction: { reason: RetractionReason; duplicateOf?: string }): RetractionDocument {
  return {
    type: 'ocx.retraction',
    ocxVersion: '1.1',
    ...envelope(notice),
    reason: retraction.reason,
    ...(retraction.duplicateOf ? { duplicateOf: retraction.duplicateOf } : {}),
  } as RetractionDocument;
}

function envelope(notice: NoticeOfChange): Record<string, unknown> {
  return {
    id: notice.documentId,
    issuedAt: notice.issuedAt.toISOString(),
    referralId: notice.referralId,
    recipient: notice.recipient,
    referenceCode: notice.referenceCode,
    sequence: notice.sequence,
    ...(notice.note ? { note: notice.note } : {}),
    acknowledgeBy: notice.acknowledgeBy.toISOString(),
  };
}

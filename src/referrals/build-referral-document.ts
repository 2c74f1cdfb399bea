import type { ComplaintTransaction } from '../complaints/complaints.sql.js';
import { normaliseIdentifier } from '../matching/identifiers/index.js';
import type { DisclosureBasis, PartnerKind, RequestedAction } from '../standard/codes.js';
import type { ReferralDocument } from '../standard/documents/index.js';

export interface ReferralSnapshotInput {
  documentId: string;
  issuedAt: Date;
  referral: { id: string; version: number; partnerId: string; requestedAction: RequestedAction; note: string | null; dueAt: Date; complainantFields?: readonly string[] | null };
  previousDocumentId?: string;
  /** A message to the partner with this version (e.g. 1212's answer to its request for information). */
  note?: string;
  partnerKind: PartnerKind;
  complaint: {
    referenceCode: string;
    receivedAt: Date;
    channel: ReferralDocument['complaint']['channel'];
    category: ReferralDocument['complaint']['category'];
    subCategory: ReferralDocument['complaint']['subCategory'];
    narrative: string;
    incidentDate: string | null;
    complainant: { name: string; phone: string | null; email: string | null; lineId: string | null };
    transaction: ComplaintTransaction | null;
    subjects: Array<{ type: string; value: string; bank?: string; note?: string }>;
  };
  evidence: Array<{ id: string; kind: string; sha256: string; size: number; mediaType: string; filename: string }>;
  retentionDays: number;
}

const PLATFORM_COMPLAINANT = 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยตัวตน)';
/** What stands for the complainant's name when the dispatcher did not share it (the schema requires a name). */
const WITHHELD_NAME = 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยชื่อ)';

/**
 * The Referral a partner receives: a snapshot of the complaint with only the
 * complainant fields this partner needs (PDPA s.22). Agencies get the name and the
 * ways to reach the complainant; platforms get no personal data at all. The
 * disclosure record names what was shared, why, and until when.
 */
export function buildReferralDocument(input: ReferralSnapshotInput): ReferralDocument {
  const { complaint, referral } = input;
  const sharesContact = input.partnerKind !== 'platform';
  // The dispatcher's choice, else every field; a platform never gets one.
  const chosen = new Set<string>(sharesContact ? (referral.complainantFields ?? ['name', 'phone', 'email', 'lineId']) : []);
  const complainant: Record<string, string> = { name: chosen.has('name') ? complaint.complainant.name : sharesContact ? WITHHELD_NAME : PLATFORM_COMPLAINANT };
  const fieldsShared: string[] = chosen.has('name') ? ['complainant.name'] : [];
  for (const field of ['phone', 'email', 'lineId'] as const) {
    const value = complaint.complainant[field];
    if (value && chosen.has(field)) {
      complainant[field] = value;
      fieldsShared.push(`complainant.${field}`);
    }
  }
  const basis: DisclosureBasis = input.partnerKind === 'government' ? 'public_task' : 'legal_obligation';
  const retainUntil = new Date(input.issuedAt.getTime() + input.retentionDays * 86_400_000).toISOString().slice(0, 10);
  const transaction = complaint.transaction;

  return {
    type: 'ocx.referral',
    ocxVersion: '1.0',
    id: input.documentId,
    issuedAt: input.issuedAt.toISOString(),
    referralId: referral.id,
    version: referral.version,
    ...(input.previousDocumentId ? { previousDocumentId: input.previousDocumentId } : {}),
    recipient: referral.partnerId,
    referenceCode: complaint.referenceCode,
    complaint: {
      receivedAt: complaint.receivedAt.toISOString(),
      channel: complaint.channel,
      category: complaint.category,
      subCategory: complaint.subCategory,
      narrative: complaint.narrative,
      ...(complaint.incidentDate ? { incidentDate: complaint.incidentDate } : {}),
      complainant: complainant as unknown as ReferralDocument['complaint']['complainant'],
      ...(transaction
        ? {
            transaction: stripUndefined({
              orderDate: transaction.orderDate,
              product: transaction.product,
              quantity: transaction.quantity,
              price: money(transaction.priceSatang),
              promisedDeliveryDate: transaction.promisedDeliveryDate,
              seller: transaction.seller,
              paymentMethod: transaction.paymentMethod,
              amountLost: money(transaction.amountLostSatang),
            }) as ReferralDocument['complaint']['transaction'],
          }
        : {}),
      // Beside each identifier as written, its normal form (§2.5), so that no agency re-implements the Thai rules.
      subjects: complaint.subjects.map((subject) => {
        const normalised = normaliseIdentifier(subject);
        return stripUndefined({ ...subject, ...(normalised.ok ? { normalised: { kind: normalised.identifier.kind, value: normalised.identifier.value } } : {}) });
      }) as ReferralDocument['complaint']['subjects'],
    },
    evidence: input.evidence.map((item) => ({ id: item.id, kind: item.kind, sha256: item.sha256, size: item.size, mediaType: item.mediaType, filename: item.filename })) as ReferralDocument['evidence'],
    requestedAction: { code: referral.requestedAction, ...(referral.note ? { note: referral.note } : {}) },
    dueAt: referral.dueAt.toISOString(),
    ...(input.note ? { note: input.note } : {}),
    disclosure: {
      basis,
      purpose: 'ส่งต่อเรื่องร้องเรียนให้หน่วยงานที่มีอำนาจตามกฎหมายดำเนินการ (referral to the agency with legal power to act)',
      fieldsShared,
      retainUntil,
    },
  } as ReferralDocument;
}

function money(amountSatang: number | undefined): { amountSatang: number; currency: 'THB' } | undefined {
  return amountSatang === undefined ? undefined : { amountSatang, currency: 'THB' };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

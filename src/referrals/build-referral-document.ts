import type { ComplaintTransaction } from '../complaints/complaints.sql.js';
import { normaliseIdentifier } from '../matching/identifiers/index.js';
import { COMPLAINANT_FIELDS, type DisclosureBasis, type IdentifierType, type PartnerKind, type RequestedAction } from '../standard/codes.js';
import { orderedClasses, REFERRAL_FIELD_CLASSES, SUBJECT_TYPE_CLASSES, type ClassifiedField, type DataClass } from '../standard/data-classes.js';
import type { ReferralDocument } from '../standard/documents/index.js';

export interface ReferralSnapshotInput {
  documentId: string;
  issuedAt: Date;
  referral: { id: string; version: number; partnerId: string; requestedAction: RequestedAction; note: string | null; dueAt: Date; complainantFields?: readonly string[] | null };
  previousDocumentId?: string;
  /** Its number in the referral's stream of documents (§4.7); absent only in a preview, which is never sent. */
  sequence?: number;
  /** A message to the partner with this version (e.g. 1212's answer to its request for information). */
  note?: string;
  partnerKind: PartnerKind;
  /** The classes this version carries: the referral's, within what the recipient's legal basis covers (§2.1). */
  dataClasses: readonly DataClass[];
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
/** What stands for the narrative when the recipient does not receive the class (the schema requires one). */
export const WITHHELD_NARRATIVE = 'ไม่เปิดเผยต่อผู้รับรายนี้ (withheld from this recipient)';

/**
 * The Referral a partner receives: a snapshot of the complaint with only the data classes
 * this recipient gets (PDPA s.22, §2.1): the classes chosen for the referral, within what its
 * legal basis covers, and of the complainant only the fields the dispatcher chose. The
 * disclosure record names the classes and every field shared, why, and until when.
 */
export function buildReferralDocument(input: ReferralSnapshotInput): ReferralDocument {
  const { complaint, referral } = input;
  const classes = new Set<DataClass>(input.dataClasses);
  const fieldsShared: string[] = [];
  // A member goes when its class does; `share` records it in the disclosure as it goes.
  const share = <T>(field: ClassifiedField, value: T | null | undefined): T | undefined => {
    if (value === null || value === undefined || !classes.has(REFERRAL_FIELD_CLASSES[field])) return undefined;
    fieldsShared.push(field);
    return value;
  };
  // The dispatcher's choice of the complainant's fields, else every one.
  const chosen = new Set<string>(referral.complainantFields ?? COMPLAINANT_FIELDS);
  const name = chosen.has('name') ? share('complainant.name', complaint.complainant.name) : undefined;
  const complainant: Record<string, string> = { name: name ?? (classes.has('identity') || classes.has('contact') ? WITHHELD_NAME : PLATFORM_COMPLAINANT) };
  for (const field of ['phone', 'email', 'lineId'] as const) {
    const value = chosen.has(field) ? share(`complainant.${field}`, complaint.complainant[field]) : undefined;
    if (value) complainant[field] = value;
  }
  const narrative = share('complaint.narrative', complaint.narrative) ?? WITHHELD_NARRATIVE;
  const basis: DisclosureBasis = input.partnerKind === 'government' ? 'public_task' : 'legal_obligation';
  const retainUntil = new Date(input.issuedAt.getTime() + input.retentionDays * 86_400_000).toISOString().slice(0, 10);
  const transaction = complaint.transaction
    ? stripUndefined({
        orderDate: share('complaint.transaction.orderDate', complaint.transaction.orderDate),
        product: share('complaint.transaction.product', complaint.transaction.product),
        quantity: share('complaint.transaction.quantity', complaint.transaction.quantity),
        price: share('complaint.transaction.price', money(complaint.transaction.priceSatang)),
        promisedDeliveryDate: share('complaint.transaction.promisedDeliveryDate', complaint.transaction.promisedDeliveryDate),
        seller: share('complaint.transaction.seller', complaint.transaction.seller),
        paymentMethod: share('complaint.transaction.paymentMethod', complaint.transaction.paymentMethod),
        amountLost: share('complaint.transaction.amountLost', money(complaint.transaction.amountLostSatang)),
      })
    : undefined;
  // Each identifier goes with its type's class; beside it, its normal form (§2.5), so that no agency re-implements the Thai rules.
  const subjects = complaint.subjects
    .filter((subject) => classes.has(SUBJECT_TYPE_CLASSES[subject.type as IdentifierType] ?? 'subject'))
    .map((subject) => {
      const normalised = normaliseIdentifier(subject);
      return stripUndefined({ ...subject, ...(normalised.ok ? { normalised: { kind: normalised.identifier.kind, value: normalised.identifier.value } } : {}) });
    });
  if (subjects.length > 0) fieldsShared.push('complaint.subjects');
  const evidence = classes.has('evidence') ? input.evidence : [];
  if (evidence.length > 0) fieldsShared.push('evidence');

  return {
    type: 'ocx.referral',
    ocxVersion: '1.1',
    id: input.documentId,
    issuedAt: input.issuedAt.toISOString(),
    referralId: referral.id,
    version: referral.version,
    ...(input.sequence ? { sequence: input.sequence } : {}),
    ...(input.previousDocumentId ? { previousDocumentId: input.previousDocumentId } : {}),
    recipient: referral.partnerId,
    referenceCode: complaint.referenceCode,
    complaint: {
      receivedAt: complaint.receivedAt.toISOString(),
      channel: complaint.channel,
      category: complaint.category,
      subCategory: complaint.subCategory,
      narrative,
      ...(complaint.incidentDate ? { incidentDate: complaint.incidentDate } : {}),
      complainant: complainant as unknown as ReferralDocument['complaint']['complainant'],
      ...(transaction && Object.keys(transaction).length > 0 ? { transaction: transaction as ReferralDocument['complaint']['transaction'] } : {}),
      subjects: subjects as ReferralDocument['complaint']['subjects'],
    },
    evidence: evidence.map((item) => ({ id: item.id, kind: item.kind, sha256: item.sha256, size: item.size, mediaType: item.mediaType, filename: item.filename })) as ReferralDocument['evidence'],
    requestedAction: { code: referral.requestedAction, ...(referral.note ? { note: referral.note } : {}) },
    dueAt: referral.dueAt.toISOString(),
    ...(input.note ? { note: input.note } : {}),
    disclosure: {
      basis,
      purpose: 'ส่งต่อเรื่องร้องเรียนให้หน่วยงานที่มีอำนาจตามกฎหมายดำเนินการ (referral to the agency with legal power to act)',
      dataClasses: orderedClasses(classes),
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

/**
 * The classified members whose values differ between two versions of a Referral, by the paths `fieldsShared` uses
 * (§2.1.1): what a Correction names as received wrong. A member present in one and absent in the other differs.
 */
export function changedMembers(before: ReferralDocument, after: ReferralDocument): string[] {
  const read = (document: ReferralDocument, path: string): unknown => {
    const steps = path.startsWith('complainant.') ? ['complaint', ...path.split('.')] : path.split('.');
    return steps.reduce<unknown>((node, step) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined), document);
  };
  return [...Object.keys(REFERRAL_FIELD_CLASSES), 'complaint.subjects'].filter((path) => JSON.stringify(read(before, path)) !== JSON.stringify(read(after, path)));
}

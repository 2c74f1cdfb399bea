import type { IdentifierType, PartnerKind } from './codes.js';

/**
 * Data classes of a Referral (schemas/README.md §2.1, OCX 1.1): every member that says something about a person
 * belongs to one, and a recipient gets only the classes its legal basis covers and the dispatch chose. The other
 * members (codes, dates, the request itself) are the case's frame and always go.
 *
 * - identity: who the complainant is (name, national id)
 * - contact: how to reach the complainant
 * - financial: money and where it went (amounts, payment method, the accounts, PromptPay ids and e-wallets named)
 * - narrative: the complainant's account of what happened, and of the purchase
 * - subject: who the complaint is against (the seller, the numbers, links and profiles named, other than accounts)
 * - evidence: the files
 */
export const DATA_CLASSES = ['identity', 'contact', 'financial', 'narrative', 'subject', 'evidence'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export function isDataClass(value: string): value is DataClass {
  return (DATA_CLASSES as readonly string[]).includes(value);
}

/**
 * The class of each member of a Referral that has one, by its path in the document as `disclosure.fieldsShared` names
 * it (the complainant's members keep 1.0's short names, `complainant.phone`). `complaint.subjects` has none of
 * its own: each identifier takes the class of its type (`SUBJECT_TYPE_CLASSES`). Published in schemas/README.md §2.1
 * and in the schema's descriptions; a test holds the three together.
 */
export const REFERRAL_FIELD_CLASSES = {
  'complainant.name': 'identity',
  'complainant.nationalId': 'identity',
  'complainant.phone': 'contact',
  'complainant.email': 'contact',
  'complainant.lineId': 'contact',
  'complainant.address': 'contact',
  'complaint.narrative': 'narrative',
  'complaint.transaction.orderDate': 'narrative',
  'complaint.transaction.product': 'narrative',
  'complaint.transaction.quantity': 'narrative',
  'complaint.transaction.promisedDeliveryDate': 'narrative',
  'complaint.transaction.price': 'financial',
  'complaint.transaction.paymentMethod': 'financial',
  'complaint.transaction.amountLost': 'financial',
  'complaint.transaction.seller': 'subject',
  evidence: 'evidence',
} as const satisfies Record<string, DataClass>;
export type ClassifiedField = keyof typeof REFERRAL_FIELD_CLASSES;

/** The class of an identifier in `complaint.subjects`, by its type: where money went is financial, the rest names the suspect. */
export const SUBJECT_TYPE_CLASSES: Record<IdentifierType, DataClass> = {
  bank_account: 'financial',
  promptpay: 'financial',
  ewallet: 'financial',
  phone: 'subject',
  national_id: 'subject',
  juristic_id: 'subject',
  url: 'subject',
  social_profile: 'subject',
  line_id: 'subject',
  email: 'subject',
  shop_name: 'subject',
  person_name: 'subject',
};

/**
 * What each kind of partner receives when the dispatcher does not choose, and what its legal basis covers when it is
 * registered without saying: an agency (police, regulators) everything; a civil-society body, which acts for the
 * complainant, everything; a platform the listing and the seller; a bank the accounts and the amounts.
 */
export const DEFAULT_DATA_CLASSES: Record<PartnerKind, readonly DataClass[]> = {
  government: DATA_CLASSES,
  civil_society: DATA_CLASSES,
  platform: ['subject'],
  bank: ['financial'],
};

/**
 * What a referral dispatched before 1.1 (no classes recorded) carried, so that its later versions carry no more: all
 * but the complainant for a platform, everything for the others.
 */
export function legacyDataClasses(kind: PartnerKind): readonly DataClass[] {
  return kind === 'platform' || kind === 'bank' ? DATA_CLASSES.filter((dataClass) => dataClass !== 'identity' && dataClass !== 'contact') : DATA_CLASSES;
}

/** `classes` in the standard's order, without repeats. */
export function orderedClasses(classes: Iterable<string>): DataClass[] {
  const wanted = new Set(classes);
  return DATA_CLASSES.filter((dataClass) => wanted.has(dataClass));
}

/** The classes as published in schemas/ocx/v1/data-classes.json, for receivers' code (a test holds the file to this). */
export function publishedDataClasses(): Record<string, unknown> {
  return {
    description: 'OCX data classes (schemas/README.md §2.1, new in 1.1): the class of every member of a Referral that says something about a person, of each identifier type in complaint.subjects, and what each kind of partner receives by default. Members not listed are the case\'s frame and are always sent.',
    classes: [...DATA_CLASSES],
    fields: { ...REFERRAL_FIELD_CLASSES },
    subjectTypes: { ...SUBJECT_TYPE_CLASSES },
    partnerKindDefaults: Object.fromEntries(Object.entries(DEFAULT_DATA_CLASSES).map(([kind, classes]) => [kind, [...classes]])),
  };
}

/** What a recipient of `kind` whose basis covers `covered` gets when the dispatcher does not choose. */
export function defaultDataClasses(kind: PartnerKind, covered: readonly DataClass[]): DataClass[] {
  return orderedClasses(DEFAULT_DATA_CLASSES[kind].filter((dataClass) => covered.includes(dataClass)));
}

/**
 * The classes a dispatch sends one recipient: the dispatcher's choice, else its kind's default within what its legal
 * basis covers. A choice beyond the cover is refused, never quietly narrowed: the dispatcher meant to send it.
 */
export function chooseDataClasses(
  requested: readonly DataClass[] | undefined,
  kind: PartnerKind,
  covered: readonly DataClass[],
): { ok: true; classes: DataClass[] } | { ok: false; uncovered: DataClass[] } {
  if (requested === undefined) return { ok: true, classes: defaultDataClasses(kind, covered) };
  const uncovered = orderedClasses(requested.filter((dataClass) => !covered.includes(dataClass)));
  return uncovered.length > 0 ? { ok: false, uncovered } : { ok: true, classes: orderedClasses(requested) };
}

/**
 * The classes a referral's next version carries: those chosen at dispatch (a 1.0 referral: what 1.0 sent), and of
 * them only what the recipient's basis covers now, so that an admin who narrows a cover narrows every later version.
 */
export function classesToSend(chosen: readonly DataClass[] | null, kind: PartnerKind, covered: readonly DataClass[]): DataClass[] {
  return orderedClasses((chosen ?? legacyDataClasses(kind)).filter((dataClass) => covered.includes(dataClass)));
}

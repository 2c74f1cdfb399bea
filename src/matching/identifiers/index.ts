import type { IdentifierType } from '../../standard/codes.js';
import { normaliseBankAccount } from './bank-account.js';
import { looksLikeEmail, normaliseEmail, normalisePersonName, normaliseShopName } from './email-and-names.js';
import { cleanInput, invalid, isPlaceholder, type CanonicalIdentifier, type Normalised } from './identifier.js';
import { stripLabels, typeOfLabel } from './labels.js';
import { looksLikePhone, normalisePhone } from './phone.js';
import { normaliseEwallet, normalisePromptPay } from './promptpay.js';
import { normaliseThaiIdIdentifier } from './thai-id.js';
import { looksLikeUrl, normaliseLineId, normaliseSocialProfile, normaliseUrl, platformFirst } from './url.js';

export * from './identifier.js';

/** An identifier as reported: the standard's `identifier` (type, value, and a bank for accounts). */
export interface ReportedIdentifier {
  type: string;
  value: string;
  bank?: string;
}

const NORMALISERS: Record<IdentifierType, (subject: ReportedIdentifier) => Normalised> = {
  phone: (subject) => normalisePhone(subject.value),
  promptpay: (subject) => normalisePromptPay(subject.value),
  bank_account: (subject) => normaliseBankAccount(subject.value, subject.bank),
  national_id: (subject) => normaliseThaiIdIdentifier(subject.value),
  juristic_id: (subject) => normaliseThaiIdIdentifier(subject.value),
  ewallet: (subject) => normaliseEwallet(subject.value),
  url: (subject) => normaliseUrl(subject.value),
  social_profile: (subject) => normaliseSocialProfile(subject.value),
  line_id: (subject) => normaliseLineId(subject.value),
  email: (subject) => normaliseEmail(subject.value),
  person_name: (subject) => normalisePersonName(subject.value),
  shop_name: (subject) => normaliseShopName(subject.value),
};

/** One reported identifier in canonical form, or the reason it identifies nobody. */
export function normaliseIdentifier(subject: ReportedIdentifier): Normalised {
  const normaliser = NORMALISERS[subject.type as IdentifierType];
  if (!normaliser) return invalid('unsupported_type', `"${subject.type}" is not an identifier type of OCX v1.`);
  const value = subject.type === 'social_profile' ? platformFirst(cleanInput(subject.value)) : cleanInput(subject.value);
  // The words pasted around the value go first (§2.5): `เบอร์ 081…`, `เลขบัญชี …`, `… (คุณเอ)`.
  const unlabelled = stripLabels(subject.type, value);
  if (isPlaceholder(unlabelled)) return invalid('empty', `"${unlabelled}" stands for no value.`);
  const shaped = otherShape(subject.type, unlabelled);
  if (shaped?.ok) return shaped;
  const inBox = normaliser({ ...subject, value: unlabelled });
  // A value pasted with its label into another type's box (`ID Line: somchai` as a URL, `เบอร์ 081…` as a profile) is
  // what its label says when it is one by that type's rules. Except where the label's type takes almost any word (a
  // LINE id, a bare handle) and the box reads the value as a number: the digits speak for themselves (`line: 081…` in
  // the phone box stays a phone).
  const labelled = typeOfLabel(value);
  if (!labelled || labelled === subject.type) return inBox.ok ? inBox : plainly(unlabelled) ?? inBox;
  const asLabelled = NORMALISERS[labelled]({ ...subject, type: labelled, value: stripLabels(labelled, value) });
  if (!asLabelled.ok) return inBox;
  return inBox.ok && NUMBERS.has(inBox.identifier.kind) && isLoose(asLabelled.identifier) ? inBox : asLabelled;
}

/** Boxes whose rules read any word as theirs (a handle, a site), where a value of another shape must be read first. */
const LOOSE_BOXES: ReadonlySet<string> = new Set(['url', 'social_profile', 'line_id']);

/**
 * A value whose shape is plainly another type's, in a box that would read it as its own (an e-mail address in the URL
 * box was the site gmail.com; `081-234-5678` in the profile box a handle): read as what it is. Numbers in the boxes
 * of numbers keep their box's rules (ten digits in the account box may be an account, not a phone).
 */
function otherShape(type: string, value: string): Normalised | undefined {
  if (LOOSE_BOXES.has(type) && looksLikeEmail(value)) return normaliseEmail(value);
  if ((LOOSE_BOXES.has(type) || type === 'email') && looksLikePhone(value)) return normalisePhone(value);
  return undefined;
}

/**
 * What a value its box refused plainly is: an e-mail address or a web address in the phone box, say. Undefined when
 * it is plainly nothing else either.
 */
function plainly(value: string): Normalised | undefined {
  const read = looksLikeEmail(value) ? normaliseEmail(value) : looksLikeUrl(value) ? normaliseUrl(value) : undefined;
  return read?.ok ? read : undefined;
}

/** Kinds whose values are numbers with a structure of their own. */
const NUMBERS: ReadonlySet<string> = new Set(['phone', 'bank_account', 'thai_id', 'ewallet']);

/** Forms that accept almost any word: a LINE id, a handle without its platform. */
function isLoose(identifier: CanonicalIdentifier): boolean {
  return identifier.kind === 'line_id' || identifier.kind === 'social_profile' && identifier.value.startsWith('handle:');
}

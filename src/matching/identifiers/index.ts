import type { IdentifierType } from '../../standard/codes.js';
import { normaliseBankAccount } from './bank-account.js';
import { normaliseEmail, normalisePersonName, normaliseShopName } from './email-and-names.js';
import { cleanInput, invalid, type Normalised } from './identifier.js';
import { stripLabels } from './labels.js';
import { normalisePhone } from './phone.js';
import { normaliseEwallet, normalisePromptPay } from './promptpay.js';
import { normaliseThaiIdIdentifier } from './thai-id.js';
import { normaliseLineId, normaliseSocialProfile, normaliseUrl } from './url.js';

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
  // The words pasted around the value go first (§2.5): `เบอร์ 081…`, `เลขบัญชี …`, `… (คุณเอ)`.
  return normaliser({ ...subject, value: stripLabels(subject.type, cleanInput(subject.value)) });
}

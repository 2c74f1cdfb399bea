import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const PARTNER_PROBLEMS = {
  PARTNER_NOT_FOUND: { status: 404, title: 'No such partner' },
  PARTNER_ALREADY_EXISTS: { status: 409, title: 'A partner with this id already exists' },
  PARTNER_INVALID: { status: 422, title: 'The partner is not valid' },
  PARTNER_KEY_INVALID: { status: 422, title: 'The public key is not acceptable' },
  PARTNER_KEY_NOT_FOUND: { status: 404, title: 'No such key for this partner' },
  PARTNER_KEY_ALREADY_REGISTERED: { status: 409, title: 'This key is already registered' },
  PARTNER_KEY_ALREADY_REVOKED: { status: 409, title: 'This key is already revoked' },
} as const satisfies ProblemTable<string>;

export class PartnerError extends errorFamily(PARTNER_PROBLEMS) {}

import { errorFamily, type ProblemTable } from '../common/domain-error.js';

/** Why a signed document (JWS) is refused. Each cause has its own code so a partner's developer can tell them apart. */
export const SIGNING_PROBLEMS = {
  JWS_MALFORMED: { status: 400, title: 'Not a JWS in compact serialisation' },
  SIGNATURE_ALG_NOT_ALLOWED: { status: 400, title: 'The JWS algorithm is not allowed' },
  DOCUMENT_TYPE_MISMATCH: { status: 400, title: 'The JWS carries another kind of document' },
  SIGNATURE_KEY_UNKNOWN: { status: 422, title: 'The signing key is not registered' },
  SIGNATURE_KEY_REVOKED: { status: 422, title: 'The signing key is revoked or expired' },
  SIGNATURE_INVALID: { status: 422, title: 'The signature does not verify' },
  SIGNATURE_TIME_OUT_OF_WINDOW: { status: 422, title: 'The signing time is outside the allowed window' },
} as const satisfies ProblemTable<string>;

export class SigningError extends errorFamily(SIGNING_PROBLEMS) {}

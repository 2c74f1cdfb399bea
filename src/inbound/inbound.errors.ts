import { errorFamily, type ProblemTable } from '../common/domain-error.js';

/** Refusals of a partner's signed document that are about the document, not its signature (those are signing's). */
export const INBOUND_PROBLEMS = {
  DOCUMENT_KIND_NOT_ACCEPTED: { status: 400, title: 'Partners do not send this kind of document' },
  DOCUMENT_SIGNER_MISMATCH: { status: 403, title: 'The document speaks for another partner than its signer' },
  DOCUMENT_ID_REUSED: { status: 409, title: 'A different document with this id was already received' },
  DOCUMENT_TOO_LARGE: { status: 413, title: 'The signed document is larger than its type allows' },
  DOCUMENT_MEMBER_REPEATED: { status: 422, title: 'The signed document names a member twice (RFC 7493)' },
} as const satisfies ProblemTable<string>;

export class InboundError extends errorFamily(INBOUND_PROBLEMS) {}

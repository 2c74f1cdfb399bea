import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const STANDARD_PROBLEMS = {
  SCHEMA_NOT_FOUND: { status: 404, title: 'No such schema' },
  DOCUMENT_INVALID: { status: 422, title: 'The document does not validate against its OCX v1 schema' },
  DOCUMENT_KIND_NOT_ACCEPTED: { status: 400, title: 'Partners do not send this kind of document' },
  DOCUMENT_SIGNER_MISMATCH: { status: 403, title: 'The document speaks for another partner than its signer' },
  DOCUMENT_ID_REUSED: { status: 409, title: 'A different document with this id was already received' },
} as const satisfies ProblemTable<string>;

export class StandardError extends errorFamily(STANDARD_PROBLEMS) {}

import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const STANDARD_PROBLEMS = {
  SCHEMA_NOT_FOUND: { status: 404, title: 'No such schema' },
  DOCUMENT_INVALID: { status: 422, title: 'The document does not validate against its OCX v1 schema' },
} as const satisfies ProblemTable<string>;

export class StandardError extends errorFamily(STANDARD_PROBLEMS) {}

import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const LEGAL_BASIS_PROBLEMS = {
  LEGAL_BASIS_NOT_FOUND: { status: 404, title: 'No such legal basis' },
  LEGAL_BASIS_INVALID: { status: 422, title: 'The legal basis is not valid' },
} as const satisfies ProblemTable<string>;

export class LegalBasisError extends errorFamily(LEGAL_BASIS_PROBLEMS) {}

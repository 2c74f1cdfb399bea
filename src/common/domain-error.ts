import type { FieldError, ProblemKind } from './problem.js';

/**
 * An error a service throws on purpose. Each module declares its codes in a table
 * (code → HTTP status and title); the global filter turns the error into a problem
 * document. Pure rule files throw these, never HTTP exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ProblemKind,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly fieldErrors?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

/** A module's error codes; the compiler rejects a code with no status. */
export type ProblemTable<Code extends string> = Readonly<Record<Code, ProblemKind>>;

/**
 * Builds a module's error class from its table, so a wrong code is a compile error:
 * `export class PartnerError extends errorFamily(PARTNER_PROBLEMS) {}`.
 */
export function errorFamily<const Table extends ProblemTable<string>>(table: Table) {
  return class FamilyError extends DomainError {
    constructor(code: keyof Table & string, detail: string, extensions?: Record<string, unknown>, fieldErrors?: FieldError[]) {
      super(code, table[code], detail, extensions, fieldErrors);
    }
  };
}

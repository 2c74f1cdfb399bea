import { QueryFailedError } from 'typeorm';

/**
 * Whether a statement failed on a unique index or constraint (PostgreSQL 23505),
 * and on the named one when `constraint` is given. TypeORM wraps the driver's
 * error; a PreparedStatement's error comes from `pg` as it is.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; constraint?: unknown } | null | undefined;
  if (cause?.code !== '23505') return false;
  return constraint === undefined || cause.constraint === constraint;
}

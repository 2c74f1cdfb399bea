import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL's answers to two transactions that cannot both proceed: a deadlock (40P01)
 * or a serialization failure (40001). Neither is the client's fault nor a bug in what it
 * sent: the losing transaction is rolled back and may simply run again.
 */
const TRANSIENT = new Set(['40P01', '40001']);

export function isTransientConflict(error: unknown): boolean {
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown } | null | undefined;
  return typeof cause?.code === 'string' && TRANSIENT.has(cause.code);
}

/** Runs `work` again (up to `attempts` times in all) when it loses such a race; any other error is thrown at once. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
    }
  }
}

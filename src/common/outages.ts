import { CommonError } from './common.errors.js';

/**
 * Errors that say a dependency is down or unreachable, not that the request was wrong:
 * answered 503 naming the dependency, with Retry-After, never 500 (issue 16).
 */
export type Dependency = 'database' | 'objectStore';

/** How long a client should wait before trying again, in seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// PostgreSQL: admin or crash shutdown, cannot connect now, connection failures, too many connections, and a login
// refused (an operator's matter: to the client it is the database being unavailable).
const DATABASE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '28P01', '28000']);
// S3: the service says it is busy or failing.
const STORE_CODES = new Set(['ServiceUnavailable', 'SlowDown', 'InternalError', 'RequestTimeout']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return codes;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

/**
 * A deadlock (40P01) or serialization failure (40001): two transactions that could not both proceed. Not the
 * client's fault: the loser is rolled back and may run again (database/transient-conflict.ts retries it).
 */
export function isTransientConflict(error: unknown): boolean {
  return codesOf(error).some((code) => code === '40P01' || code === '40001');
}

/** Whether this error means the database cannot be reached or is going away. */
export function isDatabaseOutage(error: unknown): boolean {
  const codes = codesOf(error);
  if (codes.some((code) => DATABASE_CODES.has(code) || NETWORK_CODES.has(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(messageOf(error));
}

/** Whether this error from the S3 client means the store cannot be reached or is failing. */
export function isStoreOutage(error: unknown): boolean {
  return codesOf(error).some((code) => NETWORK_CODES.has(code) || STORE_CODES.has(code) || code.startsWith('UND_ERR_'));
}

export function outage(dependency: Dependency): CommonError {
  const name = dependency === 'database' ? 'the database' : 'the object store';
  return new CommonError('SERVICE_UNAVAILABLE', `${name} cannot be reached just now; nothing was written. Try again in ${OUTAGE_RETRY_AFTER_SECONDS} s.`, {
    unavailable: dependency,
    retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
  });
}

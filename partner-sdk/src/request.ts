import { OcxNetworkError } from './errors.js';

/** How the SDK retries: on 429, 503 and network errors, with exponential back-off and full jitter. */
export interface RetryPolicy {
  /** Attempts after the first (default 4). 0 turns retries off. */
  retries: number;
  /** First back-off, doubled on each attempt (default 500 ms). */
  baseDelayMs: number;
  /** No single wait is longer (default 30 s); a longer Retry-After is not waited for: the answer is returned. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  fetch: Fetch;
  retry: RetryPolicy;
  /** Bearer token for a request (undefined: send none); `refresh` asks for a new one after a 401. */
  authorization?: (refresh: boolean) => Promise<string | undefined>;
  /** Waits; tests and callers with their own scheduler replace it. */
  sleep?: (milliseconds: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
}

const RETRIED_STATUSES = new Set([429, 503]);

/**
 * The SDK's one way to the hub (STYLE: the hand-written `request.ts` beside the generated
 * client). Every POST carries an `Idempotency-Key`, the same on each retry, so a retried
 * request never acts twice; a 401 is retried once with a fresh token; 429 and 503 wait as
 * long as Retry-After says (seconds or an HTTP date), else back off exponentially with full
 * jitter; network errors are retried the same way.
 */
export function createTransport(options: TransportOptions): Fetch {
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const random = options.random ?? Math.random;
  return async (request: Request): Promise<Response> => {
    const template = new Request(request);
    if (template.method === 'POST' && !template.headers.has('idempotency-key')) template.headers.set('idempotency-key', crypto.randomUUID());
    if (options.userAgent && !template.headers.has('user-agent')) template.headers.set('user-agent', options.userAgent);
    let refreshed = false;
    for (let attempt = 0; ; attempt += 1) {
      const outgoing = template.clone();
      const token = options.authorization ? await options.authorization(false) : undefined;
      if (token) outgoing.headers.set('authorization', `Bearer ${token}`);
      let response: Response;
      try {
        response = await options.fetch(outgoing);
      } catch (error) {
        if (attempt >= options.retry.retries || template.signal.aborted) {
          throw new OcxNetworkError(`${template.method} ${template.url} failed after ${attempt + 1} attempt(s): ${(error as Error).message}`, { cause: error });
        }
        await sleep(backOff(attempt, options.retry, random));
        continue;
      }
      if (response.status === 401 && options.authorization && !refreshed) {
        // The token may have expired or been revoked in between: one fresh token, then the hub's answer stands.
        refreshed = true;
        await response.body?.cancel();
        await options.authorization(true);
        attempt -= 1;
        continue;
      }
      if (!RETRIED_STATUSES.has(response.status) || attempt >= options.retry.retries) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'), Date.now()) ?? backOff(attempt, options.retry, random);
      if (wait > options.retry.maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}

/** Exponential back-off with full jitter (AWS architecture blog): uniform in [0, base·2^attempt], capped. */
export function backOff(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only an HTTP date (IMF-fixdate or its obsolete forms, all in GMT): Date.parse alone takes "-1" for a year.
  if (!/^[A-Za-z]{3,9},? .*GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

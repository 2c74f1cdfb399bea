/**
 * Retry delays after each failed delivery attempt (Standard Webhooks / svix:
 * immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). Written in settings as
 * `0s,5s,5m,30m,2h,5h,10h,10h`; after the last one a message is dead.
 */
export function parseRetrySchedule(text: string): number[] | undefined {
  const parts = text.split(',').map((part) => part.trim());
  const delays: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part);
    if (!match) return undefined;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
    delays.push(Math.round(Number(match[1]) * unit));
  }
  return delays.length > 0 ? delays : undefined;
}

/**
 * When to try again after `attempts` failed attempts, or undefined when the
 * schedule is exhausted. Jitter of ±20% keeps retries of many messages from
 * arriving together.
 */
export function nextAttemptDelay(schedule: readonly number[], attempts: number, random: () => number = Math.random): number | undefined {
  if (attempts >= schedule.length) return undefined;
  const base = schedule[attempts]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The longest wait a partner's Retry-After may impose on one message (past it, the schedule decides). */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * A partner's `Retry-After` (RFC 9110 §10.2.3: seconds, or an HTTP date) as a delay from
 * `now`, capped at MAX_RETRY_AFTER_MS; undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  if (!/GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * How long a worker's claim on a message lasts: the push's own timeout, the time to record
 * its outcome, and a margin, so that no other worker can claim a message whose push may
 * still be answered (a fixed lease shorter than the timeout let two workers hold one).
 */
export function leaseSeconds(deliveryTimeoutMs: number): number {
  return Math.ceil((2 * deliveryTimeoutMs) / 1000) + 30;
}

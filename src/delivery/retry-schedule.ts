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

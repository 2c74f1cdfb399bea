/**
 * Fixed-window request counters, per key, in this process (as @nestjs/throttler's default
 * in-memory storage counts). Pure: the caller gives the time. At most `capacity` keys are
 * kept; past it, expired windows are swept.
 */
export class FixedWindows {
  private readonly windows = new Map<string, { resetAt: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 100_000,
  ) {}

  /** Counts one request for `key`: undefined when it is within `limit`, else the whole seconds until the window resets. */
  hit(key: string, now: number, limit: number): number | undefined {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= this.capacity) this.sweep(now);
      window = { resetAt: now + this.windowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= limit ? undefined : Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

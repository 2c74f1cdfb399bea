/**
 * The hub's time, for logic with deadlines: injected, so that it can be moved in tests
 * (CLOCK_CONTROL) instead of tests waiting. Moving it only ever shifts it by an offset.
 */
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Shifts this process's time so that it reads `to` now. */
  set(to: Date): void {
    this.offsetMs = to.getTime() - Date.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}

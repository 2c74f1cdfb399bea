/**
 * Token requests refused before their signature verified, counted instead of recorded one
 * by one: anyone can send them, so one audit entry each would let an anonymous caller fill
 * the append-only log, and naming the partner the assertion claims would let anyone frame
 * a partner. The tally becomes one audit entry per interval, naming no partner. Pure:
 * the caller gives the time.
 */
export class RefusalTally {
  private counts = new Map<string, number>();
  private since: number | undefined;

  count(code: string, now: number): void {
    this.since ??= now;
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  /** The counts since the last take, or undefined when there were none; starts a new interval. */
  take(now: number): { refused: number; codes: string; from: string; to: string } | undefined {
    if (this.counts.size === 0 || this.since === undefined) return undefined;
    const codes = [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => `${code}:${count}`).join(',');
    const refused = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    const taken = { refused, codes, from: new Date(this.since).toISOString(), to: new Date(now).toISOString() };
    this.counts = new Map();
    this.since = undefined;
    return taken;
  }
}

/**
 * A worker's loop: run a round, then run again at once if the round was full,
 * or after `pollMs` if not (or if it failed). Stopping waits for the round in
 * flight. Shared by the hub's background workers.
 *
 * Its owner stops it in `beforeApplicationShutdown`, not `onApplicationShutdown`: TypeORM closes the database in the
 * latter, and Nest orders no hooks of one kind across modules, so a round stopped there could find its connections
 * gone ("Connection terminated"; test/e2e/shutdown.e2e.test.ts).
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** Asked to run again while a round was running: the next one starts at once. */
  private woken = false;

  constructor(
    private readonly round: () => Promise<number>,
    private readonly options: { fullRound: number; pollMs: number; onError: (error: Error) => void },
  ) {}

  start(): void {
    this.scheduleNext(0);
  }

  /** Runs a round now instead of after the poll interval (e.g. a slot came free); a round running is followed by another at once. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
    this.scheduleNext(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private scheduleNext(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.woken = false;
      this.running = this.round()
        .then((done) => this.scheduleNext(done >= this.options.fullRound || this.woken ? 0 : this.options.pollMs))
        .catch((error: unknown) => {
          this.options.onError(error as Error);
          this.scheduleNext(this.options.pollMs);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, delay);
  }
}

/**
 * Group commit at the application's level: work submitted while a batch is being written waits and goes, with
 * everything else that arrived meanwhile, in the next batch (at most `maxBatch`). Nothing waits when nothing is being
 * written, so a lone request pays no delay; under load, one transaction (one WAL flush, one turn of a lock) serves
 * many requests. `write` returns one result per item, in order; when it throws, every item of the batch gets the
 * error. Pure: no I/O of its own.
 */
export class GroupCommit<Item, Result> {
  private queue: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    let answerPrevious: (() => void) | undefined;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const written = this.write(batch.map((entry) => entry.item));
        // The batch before is answered once this one is on its way (after the turn that sends it): its replies are
        // made and sent while the database works on this one, instead of before this one can start.
        if (answerPrevious) setImmediate(answerPrevious);
        answerPrevious = undefined;
        try {
          const results = await written;
          answerPrevious = () => batch.forEach((entry, index) => entry.resolve(results[index]!));
        } catch (error) {
          answerPrevious = () => {
            for (const entry of batch) entry.reject(error);
          };
        }
      }
    } finally {
      this.writing = false;
      answerPrevious?.();
    }
  }
}

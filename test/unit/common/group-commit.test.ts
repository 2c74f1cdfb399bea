import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from '../../../src/common/group-commit.js';

/** A writer that records its batches and finishes when told. */
function recordingWriter() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const write = async (items: number[]): Promise<string[]> => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (items.includes(13)) throw new Error('unlucky');
    return items.map((item) => `done ${item}`);
  };
  return { batches, write, open: () => gates.shift()?.() };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes a lone item at once, and what arrives meanwhile together in the next batch', async () => {
    const writer = recordingWriter();
    const group = new GroupCommit(writer.write, 10);
    const first = group.submit(1);
    await settle();
    expect(writer.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((item) => group.submit(item));
    await settle();
    expect(writer.batches).toEqual([[1]]);
    writer.open();
    expect(await first).toBe('done 1');
    await settle();
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
    writer.open();
    expect(await Promise.all(rest)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('answers a batch only once the next is on its way, so that making its replies does not hold the next one up', async () => {
    const writer = recordingWriter();
    const events: string[] = [];
    // A writer that prepares its batch over a few turns of promises before it sends it, as intake's does.
    const group = new GroupCommit(async (items: number[]) => {
      for (let step = 0; step < 5; step++) await Promise.resolve();
      events.push(`sent ${items.join(',')}`);
      return writer.write(items);
    }, 10);
    const first = group.submit(1).then((result) => events.push(result));
    await settle();
    const second = group.submit(2).then((result) => events.push(result));
    writer.open();
    await first;
    expect(events).toEqual(['sent 1', 'sent 2', 'done 1']);
    writer.open();
    await second;
    // With nothing waiting, a batch is answered at once.
    expect(events).toEqual(['sent 1', 'sent 2', 'done 1', 'done 2']);
  });

  it('keeps batches to their size, in order', async () => {
    const writer = recordingWriter();
    const group = new GroupCommit(writer.write, 2);
    const all = [1, 2, 3, 4, 5].map((item) => group.submit(item));
    for (let round = 0; round < 4; round++) {
      await settle();
      writer.open();
    }
    expect(await Promise.all(all)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(writer.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("fails a batch's items with its error, and goes on with the next", async () => {
    const writer = recordingWriter();
    const group = new GroupCommit(writer.write, 10);
    const first = group.submit(1);
    const [unlucky, neighbour] = [group.submit(13), group.submit(14)];
    await settle();
    writer.open();
    await first;
    const later = group.submit(20);
    await settle();
    writer.open();
    await expect(unlucky).rejects.toThrow('unlucky');
    await expect(neighbour).rejects.toThrow('unlucky');
    await settle();
    writer.open();
    expect(await later).toBe('done 20');
  });
});

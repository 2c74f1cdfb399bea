import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { ClusterHolding } from '../../../../src/matching/matching.sql.js';
import { HoldingsMemory, LinkingHashFilter } from '../../../../src/matching/clusters/holdings-memory.js';

const aHash = (): string => randomBytes(32).toString('hex');
const heldBy = (hex: string, cluster: string, agencies: string[] = ['1212']): ClusterHolding => ({ hex, cluster_id: cluster, agencies });

/** A memory whose filter has loaded `stored` (the index's linking hashes). */
function loaded(stored: readonly string[], recent = 1000): HoldingsMemory {
  const memory = new HoldingsMemory(recent);
  const filter = memory.startFilter(Math.max(1, stored.length));
  for (const hex of stored) filter.add(hex);
  filter.complete();
  return memory;
}

describe('the filter of linking hashes', () => {
  it('never says no for a hash it was given', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 300 }), (hashes) => {
      const filter = new LinkingHashFilter(hashes.length + 1);
      const hexes = hashes.map((bytes) => Buffer.from(bytes).toString('hex'));
      for (const hex of hexes) filter.add(hex);
      return hexes.every((hex) => filter.mayHold(hex));
    }));
  });

  it('says yes for few hashes it was not given, at capacity', () => {
    const filter = new LinkingHashFilter(20_000);
    for (let index = 0; index < 20_000; index++) filter.add(aHash());
    const strangers = Array.from({ length: 20_000 }, aHash).filter((hex) => filter.mayHold(hex)).length;
    expect(strangers / 20_000).toBeLessThan(0.02);
    expect(filter.saturated).toBe(false);
    filter.add(aHash());
    expect(filter.saturated).toBe(true);
  });
});

describe("what a hub process remembers of the clusters holding linking hashes", () => {
  it('knows nothing before its filter has loaded: every hash is probed', () => {
    const memory = new HoldingsMemory(100);
    expect(memory.predict([aHash()])).toBeUndefined();
    expect(memory.predict([])).toEqual([]);
    const filter = memory.startFilter(10);
    filter.add(aHash());
    expect(memory.predict([aHash()])).toBeUndefined();
    filter.complete();
    expect(memory.predict([aHash()])).toEqual([]);
  });

  it('predicts "held by nobody" only for a hash the index does not hold', () => {
    const stored = aHash();
    const memory = loaded([stored]);
    const fresh = aHash();
    expect(memory.predict([fresh])).toEqual([]);
    expect(memory.predict([fresh, stored])).toBeUndefined();
  });

  it('predicts what a probe found, and what a write placed, until told it is wrong', () => {
    const [probedHeld, probedFree, written] = [aHash(), aHash(), aHash()];
    const memory = loaded([probedHeld, probedFree]);
    expect(memory.predict([probedHeld, probedFree])).toBeUndefined();
    memory.learnProbe([probedHeld, probedFree], [heldBy(probedHeld, 'c1', ['1212', 'police'])]);
    expect(memory.predict([probedHeld, probedFree])).toEqual([heldBy(probedHeld, 'c1', ['1212', 'police'])]);

    memory.learnWrite([heldBy(written, 'c2'), heldBy(probedFree, 'c2')]);
    expect(memory.predict([written, probedFree, probedHeld])).toEqual([heldBy(written, 'c2'), heldBy(probedFree, 'c2'), heldBy(probedHeld, 'c1', ['1212', 'police'])]);

    memory.forget([written]);
    expect(memory.predict([written])).toBeUndefined();
    expect(memory.predict([probedHeld])).toHaveLength(1);
  });

  it('keeps in its filter what a probe found stored, for when the holding has left the recent ones', () => {
    const memory = loaded([], 1);
    const [writtenElsewhere, other] = [aHash(), aHash()];
    memory.learnProbe([writtenElsewhere], [heldBy(writtenElsewhere, 'c1')]);
    memory.learnProbe([other], []);
    expect(memory.predict([writtenElsewhere])).toBeUndefined();
  });

  it('takes a forgotten hash for one that may be stored: another process may have written it', () => {
    const memory = loaded([]);
    const hex = aHash();
    expect(memory.predict([hex])).toEqual([]);
    memory.forget([hex]);
    expect(memory.predict([hex])).toBeUndefined();
  });

  it('keeps the most recent holdings only', () => {
    const memory = new HoldingsMemory(2);
    const [first, second, third] = [aHash(), aHash(), aHash()];
    memory.learnWrite([heldBy(first, 'c1'), heldBy(second, 'c1'), heldBy(third, 'c1')]);
    expect(memory.predict([first])).toBeUndefined();
    expect(memory.predict([second, third])).toHaveLength(2);
  });

  it('adds what it learns while the filter loads, so that a write made meanwhile is not taken for nothing', () => {
    const memory = new HoldingsMemory(1);
    const filter = memory.startFilter(10);
    const [writtenDuringLoad, pushedOut] = [aHash(), aHash()];
    memory.learnWrite([heldBy(writtenDuringLoad, 'c1')]);
    memory.learnWrite([heldBy(pushedOut, 'c2')]);
    filter.complete();
    // writtenDuringLoad left the recent holdings; the filter still knows it may be stored.
    expect(memory.predict([writtenDuringLoad])).toBeUndefined();
  });

  it('wants a filter when it has none or its load did not finish, and a larger one when it is full, and vouches for nothing meanwhile', () => {
    const memory = new HoldingsMemory(10);
    expect(memory.filterWanted).toBe(true);
    memory.startFilter(1_000);
    expect(memory.filterWanted).toBe(true);
    const filter = memory.startFilter(1);
    filter.complete();
    expect(memory.filterWanted).toBe(false);
    // The filter is sized for at least 65,536 bits, but its capacity is what it was asked for.
    filter.add(aHash());
    filter.add(aHash());
    expect(memory.filterWanted).toBe(true);
    expect(memory.predict([aHash()])).toBeUndefined();
  });

  it('ignores a load overtaken by a newer one', () => {
    const memory = new HoldingsMemory(10);
    const older = memory.startFilter(10);
    const newer = memory.startFilter(10);
    older.complete();
    expect(memory.predict([aHash()])).toBeUndefined();
    newer.complete();
    expect(memory.predict([aHash()])).toEqual([]);
  });
});

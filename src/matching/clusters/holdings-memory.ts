import { LRUCache } from 'lru-cache';
import type { ClusterHolding } from '../matching.sql.js';

/**
 * Whether a linking hash may be stored: a Bloom filter of every strong linking hash in the index. "No" is certain for
 * what was added; "yes" may be wrong (about 1% at capacity). The hashes are keyed HMACs, uniformly random already, so
 * the filter's positions are read from their bits rather than hashed again (which is why this is not a library's
 * filter, each of which hashes its keys itself).
 */
export class LinkingHashFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private added = 0;

  /** Room for `capacity` hashes at about ten bits each. */
  constructor(readonly capacity: number) {
    let size = 1 << 16;
    while (size < capacity * BITS_PER_HASH) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(hex: string): void {
    for (let word = 0; word < POSITIONS; word++) {
      const position = positionOf(hex, word) & this.mask;
      this.bits[position >>> 5]! |= 1 << (position & 31);
    }
    this.added++;
  }

  mayHold(hex: string): boolean {
    for (let word = 0; word < POSITIONS; word++) {
      const position = positionOf(hex, word) & this.mask;
      if ((this.bits[position >>> 5]! & (1 << (position & 31))) === 0) return false;
    }
    return true;
  }

  /** More added than it was sized for: its "yes" grows unreliable (the answer stays right, the probes come back). */
  get saturated(): boolean {
    return this.added > this.capacity;
  }
}

const BITS_PER_HASH = 10;
/** Seven positions at ten bits a hash: the fewest false "yes" (0.8%). */
const POSITIONS = 7;

/** The word-th 32 bits of a hash written in hex (64 digits: eight words, seven used). */
function positionOf(hex: string, word: number): number {
  return Number.parseInt(hex.slice(word * 8, word * 8 + 8), 16) >>> 0;
}

/** The hash was looked up and no cluster held it (lru-cache keeps no null). */
const HELD_BY_NOBODY = Object.freeze({ heldByNobody: true });

/**
 * What this hub process last knew of which cluster holds each linking hash, so that a batch of new complaints can be
 * written without first probing for them: its write checks the prediction under the matching lock exactly as it
 * checks a probe (`match_holders_unchanged`), and writes nothing when it is wrong. The memory is never trusted, only
 * used to guess: another process's write, a merge or a split makes it wrong, the write says so, and the batch probes.
 *
 * Two parts: the holdings of recently seen hashes (what the probes found and what this process wrote, most recent
 * kept), and, for every other hash, the filter of all linking hashes, which proves a new identifier held by nobody.
 * Until the filter has been loaded (or when it fills up) a hash it would have to vouch for is unknown.
 */
export class HoldingsMemory {
  private readonly recent: LRUCache<string, ClusterHolding | typeof HELD_BY_NOBODY>;
  private filter: LinkingHashFilter | undefined;
  private filterComplete = false;

  constructor(recentHashes: number) {
    this.recent = new LRUCache({ max: recentHashes });
  }

  /**
   * The clusters that hold `hexes` as far as this process knows (the rows a probe would return: none for a hash held
   * by nobody), or undefined when one of them is unknown and must be probed.
   */
  predict(hexes: readonly string[]): ClusterHolding[] | undefined {
    const holdings: ClusterHolding[] = [];
    for (const hex of hexes) {
      const known = this.recent.get(hex);
      if (known !== undefined) {
        if (known !== HELD_BY_NOBODY) holdings.push(known as ClusterHolding);
        continue;
      }
      if (!this.filterVouches || this.filter!.mayHold(hex)) return undefined;
    }
    return holdings;
  }

  /** A probe of `hexes` found `found` (a hash without a row is held by nobody). */
  learnProbe(hexes: readonly string[], found: readonly ClusterHolding[]): void {
    const byHex = new Map(found.map((holding) => [holding.hex, holding]));
    for (const hex of hexes) this.recent.set(hex, byHex.get(hex) ?? HELD_BY_NOBODY);
    // Stored, perhaps by another process since the filter loaded: once out of the recent holdings, it is probed again.
    for (const holding of found) this.mayBeStored(holding.hex);
  }

  /** This process wrote cases whose linking hashes are now held as `held` says. */
  learnWrite(held: readonly ClusterHolding[]): void {
    for (const holding of held) {
      this.recent.set(holding.hex, holding);
      this.mayBeStored(holding.hex);
    }
  }

  /**
   * What was known of `hexes` was wrong, or is about to be (another path of this process changes their clusters): they
   * are probed next time. They may be stored now, by a writer this process did not see.
   */
  forget(hexes: readonly string[]): void {
    for (const hex of hexes) {
      this.recent.delete(hex);
      this.mayBeStored(hex);
    }
  }

  /**
   * Into the filter, unless it already says "may be stored": a hash quoted in every batch would otherwise count once a
   * batch towards the filter's capacity, and fill it (and have the index read again) with nothing new.
   */
  private mayBeStored(hex: string): void {
    if (this.filter && !this.filter.mayHold(hex)) this.filter.add(hex);
  }

  /**
   * A new filter for `capacity` hashes, to be filled by the caller from the index (`add`) and then declared complete
   * (`complete`). Hashes learnt meanwhile go into it too, so nothing written while it loads is missed.
   */
  startFilter(capacity: number): { add: (hex: string) => void; complete: () => void } {
    const filter = new LinkingHashFilter(capacity);
    this.filter = filter;
    this.filterComplete = false;
    return {
      add: (hex) => filter.add(hex),
      complete: () => {
        if (this.filter === filter) this.filterComplete = true;
      },
    };
  }

  /**
   * No filter vouches for anything: none was loaded, the last load did not finish (or is under way), or it holds more
   * than it was sized for.
   */
  get filterWanted(): boolean {
    return !this.filterVouches;
  }

  /** A filter loaded in full and not past its size: its "no" is certain. */
  private get filterVouches(): boolean {
    return this.filter !== undefined && this.filterComplete && !this.filter.saturated;
  }
}

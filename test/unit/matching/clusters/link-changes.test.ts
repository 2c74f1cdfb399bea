import { describe, expect, it } from '@jest/globals';
import { linkChanges } from '../../../../src/matching/clusters/link-changes.js';

/** The pairs of cases sharing a cluster, listed one by one: what linkChanges counts without listing. */
function pairs(clusters: ReadonlyMap<string, string>): Set<string> {
  const ids = [...clusters.keys()].sort();
  const found = new Set<string>();
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => clusters.get(a) === clusters.get(b) && found.add(`${a}|${b}`)));
  return found;
}

describe('links that appeared and disappeared between two pictures of the clusters', () => {
  it('counts a merge, a split and a case that moved', () => {
    const before = new Map([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', 'z'], ['e', 'z']]);
    const after = new Map([['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'z'], ['e', 'w'], ['f', 'w']]);
    // Appeared: a–c, b–c (c joined x), e–f (f is new); disappeared: d–e.
    expect(linkChanges(before, after)).toEqual({ appeared: 3, disappeared: 1, before: 2, after: 4 });
  });

  it('agrees with listing every pair, on generated pictures', () => {
    let seed = 23;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const cases = Array.from({ length: 1 + random(30) }, (_, index) => `case${index}`);
      const picture = (): Map<string, string> => new Map(cases.filter(() => random(10) > 0).map((id) => [id, `c${random(6)}`]));
      const [before, after] = [picture(), picture()];
      const [was, is] = [pairs(before), pairs(after)];
      expect(linkChanges(before, after)).toEqual({
        appeared: [...is].filter((pair) => !was.has(pair)).length,
        disappeared: [...was].filter((pair) => !is.has(pair)).length,
        before: was.size,
        after: is.size,
      });
    }
  });
});

/**
 * How many links (pairs of cases in one cluster) appeared and disappeared between two pictures of the clusters,
 * without listing pairs (a scammer reported ten thousand times is fifty million pairs): from the contingency table of
 * (cluster before, cluster after), pairs together before are Σ C(n_before, 2), after Σ C(n_after, 2), in both
 * Σ C(n_both, 2). A case only in one picture counts in that picture alone. Pure.
 */
export function linkChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): { appeared: number; disappeared: number; before: number; after: number } {
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const count = (keys: Iterable<string>): number => {
    const sizes = new Map<string, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    let total = 0;
    for (const size of sizes.values()) total += pairs(size);
    return total;
  };
  const together = count(before.values());
  const now = count(after.values());
  const both = count([...before].filter(([caseId]) => after.has(caseId)).map(([caseId, cluster]) => `${cluster}\u0000${after.get(caseId)!}`));
  return { appeared: now - both, disappeared: together - both, before: together, after: now };
}

/** How the matching bench scores a clustering; used by no code of the hub. */

/**
 * A pairwise score of a predicted clustering against labels: a pair of items is
 * a true positive when both put them together.
 */
export function pairwiseScores(predicted: ReadonlyMap<string, string>, labels: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number; labelledPairs: number } {
  const pairs = (grouping: ReadonlyMap<string, string>): Map<string, string[]> => {
    const groups = new Map<string, string[]>();
    for (const [item, group] of grouping) {
      const members = groups.get(group);
      if (members) members.push(item);
      else groups.set(group, [item]);
    }
    return groups;
  };
  const choose2 = (n: number): number => (n * (n - 1)) / 2;
  let predictedPairs = 0;
  let truePairs = 0;
  for (const members of pairs(predicted).values()) {
    predictedPairs += choose2(members.length);
    // Within a predicted group, count pairs that share a label.
    const byLabel = new Map<string, number>();
    for (const item of members) {
      const label = labels.get(item);
      if (label !== undefined) byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
    }
    for (const count of byLabel.values()) truePairs += choose2(count);
  }
  let labelledPairs = 0;
  for (const members of pairs(labels).values()) labelledPairs += choose2(members.length);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = labelledPairs === 0 ? 1 : truePairs / labelledPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, labelledPairs };
}

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairwiseScores } from '../../../../bench/pairwise-scores.js';
import { componentsOf } from '../../../../src/matching/clusters/disjoint-sets.js';
import { normaliseIdentifier, type ReportedIdentifier } from '../../../../src/matching/identifiers/index.js';

interface LabelledCase {
  id: string;
  family: string;
  subjects: ReportedIdentifier[];
  cluster: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const families = readFileSync(path.join(here, '..', '..', '..', 'data', 'dedup-families.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LabelledCase);

/** The strong identities a case links by (kind and canonical value), as matching keys them before hashing. */
function keysOf(labelled: LabelledCase): string[] {
  return labelled.subjects.flatMap((subject) => {
    const result = normaliseIdentifier(subject);
    return result.ok && result.identifier.strength === 'strong' ? [`${result.identifier.kind}:${result.identifier.value}`] : [];
  });
}

/**
 * test/data/dedup-families.jsonl: cases of our own for each family of issue 23 (labels around values, invisible
 * characters, banks by BIC or legal name, numbers from abroad, instagr.am, m.me, the link shim, TikTok videos, e-mail
 * forms, short links), with traps that must not link. Clustered as matching clusters them (connected components of
 * shared strong identities), scored pairwise against the labels. `npm run bench:matching -- --data
 * test/data/dedup-families.jsonl` scores the same set through the hub.
 */
describe('the labelled families of real-world forms', () => {
  it('every case gives at least one identity (nothing in the set is there to be refused)', () => {
    expect(families.filter((labelled) => keysOf(labelled).length === 0).map((labelled) => `${labelled.id} ${labelled.family} ${JSON.stringify(labelled.subjects)}`)).toEqual([]);
  });

  it('clusters with precision 1.0 and recall 1.0, family by family', () => {
    const components = componentsOf(families, keysOf);
    const predicted = new Map<string, string>();
    components.forEach((component, index) => component.forEach((labelled) => predicted.set(labelled.id, `p${index}`)));
    const labels = new Map(families.map((labelled) => [labelled.id, labelled.cluster]));
    const scores = pairwiseScores(predicted, labels);
    const perFamily = [...new Set(families.map((labelled) => labelled.family))].map((family) => {
      const ids = new Set(families.filter((labelled) => labelled.family === family).map((labelled) => labelled.id));
      const only = <V>(map: Map<string, V>) => new Map([...map].filter(([id]) => ids.has(id)));
      const { precision, recall } = pairwiseScores(only(predicted), only(labels));
      return [family, precision, recall];
    });
    expect(perFamily.filter(([, precision, recall]) => precision !== 1 && !Number.isNaN(precision) || recall !== 1 && !Number.isNaN(recall))).toEqual([]);
    expect([scores.precision, scores.recall]).toEqual([1, 1]);
    expect(families.length).toBeGreaterThanOrEqual(300);
  });
});

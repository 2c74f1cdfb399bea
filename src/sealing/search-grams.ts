import { createHmac } from 'node:crypto';

/**
 * A keyed index of text that search can use without the text in clear: every distinct
 * substring of 1, 2 and 3 characters (code points) of the normalised text, each as the
 * first 4 bytes of an HMAC-SHA256 under the search key (a 32-bit int, so PostgreSQL
 * keeps them in an int[] with a GIN index). A search for a needle looks for rows holding
 * all of the needle's grams (its trigrams, or the needle itself when shorter), then
 * checks each candidate's opened text: grams say "maybe", never "yes".
 *
 * What it gives away to whoever holds the database without the key: which rows share a
 * gram, and how often grams occur (a frequency analysis of the narrative), never a
 * complainant's contact data, which is not indexed.
 */
const MAX_GRAM = 3;

/** The grams of a text (already normalised for search). */
export function gramsOfText(text: string): Set<string> {
  const characters = [...text];
  const grams = new Set<string>();
  for (let start = 0; start < characters.length; start++) {
    for (let length = 1; length <= MAX_GRAM && start + length <= characters.length; length++) grams.add(characters.slice(start, start + length).join(''));
  }
  return grams;
}

/** The grams a text must hold to contain the needle (already normalised): its trigrams, or itself when shorter. */
export function gramsOfNeedle(needle: string): Set<string> {
  const characters = [...needle];
  if (characters.length <= MAX_GRAM) return new Set(characters.length > 0 ? [needle] : []);
  const grams = new Set<string>();
  for (let start = 0; start + MAX_GRAM <= characters.length; start++) grams.add(characters.slice(start, start + MAX_GRAM).join(''));
  return grams;
}

/** The keyed hashes of grams, sorted and distinct. */
export function hashGrams(key: Buffer, grams: Iterable<string>): number[] {
  const hashes = new Set<number>();
  for (const gram of grams) hashes.add(createHmac('sha256', key).update(gram, 'utf8').digest().readInt32BE(0));
  return [...hashes].sort((a, b) => a - b);
}

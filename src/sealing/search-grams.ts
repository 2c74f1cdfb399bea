import { createCipheriv, createHmac, type Cipher } from 'node:crypto';

/**
 * A keyed index of text that search can use without the text in clear: every distinct
 * substring of 1, 2 and 3 characters (code points) of the normalised text, each as a
 * 32-bit keyed hash under the search key (so PostgreSQL keeps them in an int[] with a GIN
 * index). A search for a needle looks for rows holding all of the needle's grams (its
 * trigrams, or the needle itself when shorter), then checks each candidate's opened text:
 * grams say "maybe", never "yes".
 *
 * What it gives away to whoever holds the database without the key: which rows share a
 * gram, and how often grams occur (a frequency analysis of the narrative), never a
 * complainant's contact data, which is not indexed.
 */
const MAX_GRAM = 3;

/**
 * How grams are hashed; stored beside each row's grams, so that rows hashed one way are still found while
 * `npm run pii:rekey` moves them to the current way.
 * - 1: the first 4 bytes of HMAC-SHA256 of the gram's UTF-8.
 * - 2 (current): the first 4 bytes of AES-256 of one block holding the gram's UTF-8 (at most 12 bytes: 3 code
 *   points) and, in its last byte, their length. AES under a secret key is a pseudo-random permutation of blocks,
 *   so this is the same keyed, deterministic, one-way-without-the-key mapping as the HMAC, and all of a text's
 *   blocks go through one cipher call (ECB: each block alone, which is what a per-gram hash is) instead of one HMAC
 *   each: 70 µs instead of 750 µs a complaint (issue 23, intake).
 */
export type GramScheme = 1 | 2;
export const CURRENT_GRAM_SCHEME: GramScheme = 2;
export const GRAM_SCHEMES: readonly GramScheme[] = [1, 2];

const BLOCK = 16;

/**
 * One AES-256-ECB context per key, kept: ECB carries nothing from one block to the next, and every call hands it
 * whole blocks, so a context serves any number of calls; making one costs as much as hashing a narrative's grams.
 */
const ciphers = new WeakMap<Buffer, Cipher>();

function encryptBlocks(key: Buffer, blocks: Buffer): Buffer {
  let cipher = ciphers.get(key);
  if (!cipher) ciphers.set(key, (cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false)));
  return cipher.update(blocks);
}

/** The grams of a text (already normalised for search). */
export function gramsOfText(text: string): Set<string> {
  const characters = [...text];
  const grams = new Set<string>();
  for (let start = 0; start < characters.length; start++) {
    const first = characters[start]!;
    grams.add(first);
    if (start + 1 < characters.length) {
      const pair = first + characters[start + 1]!;
      grams.add(pair);
      if (start + MAX_GRAM - 1 < characters.length) grams.add(pair + characters[start + 2]!);
    }
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

/**
 * The keyed hashes of a text's grams (`hashGrams(key, gramsOfText(text), scheme)`), sorted and distinct. Scheme 2
 * copies each gram's bytes straight from the text's UTF-8 into its block, without making a string per gram; a gram
 * that occurs twice is hashed twice, which costs less than telling repeats apart first.
 */
export function hashTextGrams(key: Buffer, text: string, scheme: GramScheme = CURRENT_GRAM_SCHEME): number[] {
  if (scheme === 1) return hashGrams(key, gramsOfText(text), 1);
  const bytes = Buffer.from(text, 'utf8');
  const starts: number[] = [];
  for (let offset = 0; offset < bytes.length; offset++) if ((bytes[offset]! & 0xc0) !== 0x80) starts.push(offset);
  const characters = starts.length;
  starts.push(bytes.length);
  const count = characters + Math.max(characters - 1, 0) + Math.max(characters - 2, 0);
  if (count === 0) return [];
  const blocks = Buffer.alloc(count * BLOCK);
  let block = 0;
  for (let start = 0; start < characters; start++) {
    for (let length = 1; length <= MAX_GRAM && start + length <= characters; length++) {
      const from = starts[start]!;
      const to = starts[start + length]!;
      const at = block * BLOCK;
      for (let offset = from; offset < to; offset++) blocks[at + offset - from] = bytes[offset]!;
      blocks[at + BLOCK - 1] = to - from;
      block++;
    }
  }
  const hashed = encryptBlocks(key, blocks);
  const sorted = new Int32Array(count);
  for (let index = 0; index < count; index++) sorted[index] = hashed.readInt32BE(index * BLOCK);
  sorted.sort();
  const distinct: number[] = [];
  for (let index = 0; index < count; index++) if (index === 0 || sorted[index] !== sorted[index - 1]) distinct.push(sorted[index]!);
  return distinct;
}

/** The keyed hashes of grams under `scheme`, sorted and distinct. `key` is the scheme's own key (32 bytes for 2). */
export function hashGrams(key: Buffer, grams: Iterable<string>, scheme: GramScheme = CURRENT_GRAM_SCHEME): number[] {
  const hashes = new Set<number>();
  if (scheme === 1) {
    for (const gram of grams) hashes.add(createHmac('sha256', key).update(gram, 'utf8').digest().readInt32BE(0));
  } else {
    const list = [...grams];
    const blocks = Buffer.alloc(list.length * BLOCK);
    list.forEach((gram, index) => {
      // A gram is at most 3 code points, 12 bytes; the length byte keeps "a" and "a\0" apart.
      blocks[index * BLOCK + BLOCK - 1] = blocks.write(gram, index * BLOCK, BLOCK - 4, 'utf8');
    });
    const hashed = encryptBlocks(key, blocks);
    for (let index = 0; index < list.length; index++) hashes.add(hashed.readInt32BE(index * BLOCK));
  }
  return [...hashes].sort((a, b) => a - b);
}

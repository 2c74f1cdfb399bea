import { describe, expect, it } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { gramsOfNeedle, gramsOfText, hashGrams } from '../../../src/sealing/search-grams.js';

describe('keyed search grams', () => {
  const key = randomBytes(32);

  it('indexes every 1-, 2- and 3-character piece of the text, by code point (Thai vowels and tone marks too)', () => {
    expect([...gramsOfText('ก่า')].sort()).toEqual(['ก', 'ก่', 'ก่า', '่', '่า', 'า'].sort());
  });

  it('hashes each gram exactly as HMAC-SHA256 does (keys of any length, text of any kind)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (keyBytes, grams) => {
        const anyKey = Buffer.from(keyBytes);
        const expected = [...new Set(grams.map((gram) => createHmac('sha256', anyKey).update(gram, 'utf8').digest().readInt32BE(0)))].sort((a, b) => a - b);
        expect(hashGrams(anyKey, grams)).toEqual(expected);
      }),
    );
  });

  it('a needle needs its trigrams, or itself when shorter', () => {
    expect([...gramsOfNeedle('abcd')]).toEqual(['abc', 'bcd']);
    expect([...gramsOfNeedle('ab')]).toEqual(['ab']);
    expect([...gramsOfNeedle('')]).toEqual([]);
  });

  it('never misses: every substring of a text has all its grams in the text’s index', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
        const characters = [...text];
        const start = a % characters.length;
        const needle = characters.slice(start, start + 1 + (b % (characters.length - start))).join('');
        const index = new Set(hashGrams(key, gramsOfText(text)));
        expect(hashGrams(key, gramsOfNeedle(needle)).every((gram) => index.has(gram))).toBe(true);
      }),
    );
  });

  it('hashes differ under another key, so a dump of grams without the key tells nothing of the words', () => {
    const text = gramsOfText('โอนเงิน');
    expect(hashGrams(key, text)).not.toEqual(hashGrams(randomBytes(32), text));
    expect(hashGrams(key, text).every((gram) => Number.isInteger(gram) && gram >= -(2 ** 31) && gram < 2 ** 31)).toBe(true);
  });
});

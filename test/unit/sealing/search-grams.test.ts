import { describe, expect, it } from '@jest/globals';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { GRAM_SCHEMES, gramsOfNeedle, gramsOfText, hashGrams, hashTextGrams } from '../../../src/sealing/search-grams.js';

describe('keyed search grams', () => {
  const key = randomBytes(32);

  it('indexes every 1-, 2- and 3-character piece of the text, by code point (Thai vowels and tone marks too)', () => {
    expect([...gramsOfText('ก่า')].sort()).toEqual(['ก', 'ก่', 'ก่า', '่', '่า', 'า'].sort());
  });

  it('indexes 1-, 2- and 3-grams of any text exactly once each', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const characters = [...text];
        const expected = new Set<string>();
        for (let start = 0; start < characters.length; start++) for (let length = 1; length <= 3 && start + length <= characters.length; length++) expected.add(characters.slice(start, start + length).join(''));
        expect([...gramsOfText(text)].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('scheme 2 hashes each gram as the first 4 bytes of AES-256 of one block: its UTF-8, then its length in the last byte', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter((gram) => [...gram].length <= 3), { minLength: 1, maxLength: 20 }), (grams) => {
        const expected = [...new Set(grams.map((gram) => {
          const block = Buffer.alloc(16);
          block[15] = block.write(gram, 0, 12, 'utf8');
          const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
          return Buffer.concat([cipher.update(block), cipher.final()]).readInt32BE(0);
        }))].sort((a, b) => a - b);
        expect(hashGrams(key, grams, 2)).toEqual(expected);
      }),
    );
  });

  it('scheme 2 tells apart grams that differ only by a trailing NUL, and 4-byte characters fit', () => {
    expect(new Set(hashGrams(key, ['a'], 2).concat(hashGrams(key, ['a\u0000'], 2))).size).toBe(2);
    expect(hashGrams(key, ['😀😀😀'], 2)).not.toEqual(hashGrams(key, ['😀😀'], 2));
  });

  it.each(GRAM_SCHEMES)('hashes a whole text (scheme %i) as it hashes the text’s grams, lone surrogates and 4-byte characters too', (scheme) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        expect(hashTextGrams(key, text, scheme)).toEqual(hashGrams(key, gramsOfText(text), scheme));
      }),
    );
    expect(hashTextGrams(key, '', scheme)).toEqual([]);
  });

  it('scheme 1 hashes each gram exactly as HMAC-SHA256 does (keys of any length, text of any kind)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (keyBytes, grams) => {
        const anyKey = Buffer.from(keyBytes);
        const expected = [...new Set(grams.map((gram) => createHmac('sha256', anyKey).update(gram, 'utf8').digest().readInt32BE(0)))].sort((a, b) => a - b);
        expect(hashGrams(anyKey, grams, 1)).toEqual(expected);
      }),
    );
  });

  it('a needle needs its trigrams, or itself when shorter', () => {
    expect([...gramsOfNeedle('abcd')]).toEqual(['abc', 'bcd']);
    expect([...gramsOfNeedle('ab')]).toEqual(['ab']);
    expect([...gramsOfNeedle('')]).toEqual([]);
  });

  it.each(GRAM_SCHEMES)('never misses under scheme %i: every substring of a text has all its grams in the text’s index', (scheme) => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
        const characters = [...text];
        const start = a % characters.length;
        const needle = characters.slice(start, start + 1 + (b % (characters.length - start))).join('');
        const index = new Set(hashGrams(key, gramsOfText(text), scheme));
        expect(hashGrams(key, gramsOfNeedle(needle), scheme).every((gram) => index.has(gram))).toBe(true);
      }),
    );
  });

  it.each(GRAM_SCHEMES)('hashes differ under another key (scheme %i), so a dump of grams without the key tells nothing of the words', (scheme) => {
    const text = gramsOfText('โอนเงิน');
    expect(hashGrams(key, text, scheme)).not.toEqual(hashGrams(randomBytes(32), text, scheme));
    expect(hashGrams(key, text, scheme).every((gram) => Number.isInteger(gram) && gram >= -(2 ** 31) && gram < 2 ** 31)).toBe(true);
  });
});

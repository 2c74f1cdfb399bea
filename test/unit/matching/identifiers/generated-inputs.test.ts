import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { INVALID_REASONS, normaliseIdentifier, type ReportedIdentifier } from '../../../../src/matching/identifiers/index.js';
import { IDENTIFIER_TYPES } from '../../../../src/standard/codes.js';

/**
 * Generated values, built from the pieces real ones are made of (digits, Thai and Latin words, labels, separators,
 * brackets, links, banks, invisible characters, emoji), so that the generator reaches the rules rather than only
 * refusals of noise.
 */
const PIECES = [
  '0', '8', '1', '66', '+', '-', ' ', '.', '/', ':', '@', '(', ')', '[', ']', '"', '…', ',', '#', '*',
  '081-234-5678', '+855 12 345 678', '123-4-56789-0', '1101700230708', '004', 'KBANK', 'กสิกรไทย', 'ธ.', 'KASITHBK', 'TrueMoney',
  'เบอร์', 'ไลน์', 'ID Line', 'เลขบัญชี', 'พร้อมเพย์', 'ชื่อ', 'สาขา', 'คุณเอ', 'นะคะ', 'unknown', 'ไม่ทราบ',
  'https://', 'www.', 'facebook.com/', 'profile.php?id=', 'm.me/', 'bit.ly/', 'line.me/ti/p/~', 'tiktok.com/@', 'l.facebook.com/l.php?u=',
  'shop.deal', 'somchai', 'gmail.com', 'scam-shop.com', '%2F', '%3A', '\u200B', '\u200E', '\u202A', '\uFEFF', '\u00A0', '–', '๘', '０', '👉', 'ำ', '\u0E4D\u0E32',
];
const value = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 12 }).map((pieces) => pieces.join(''));
const subject = fc.record({
  type: fc.constantFrom(...IDENTIFIER_TYPES),
  value,
  bank: fc.option(fc.constantFrom('004', 'KBANK', 'ธนาคารไทยพาณิชย์ จำกัด (มหาชน)', 'SWIFT: SICOTHBK', 'TrueMoney', 'xyz', ''), { nil: undefined }),
});
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202C', '\u2066', '\u2069', '\uFEFF', '\u00AD'];

describe('normalising generated values (issue 23)', () => {
  it('never throws: every value is an identity with a masked form, or a stated reason', () => {
    fc.assert(fc.property(subject, (reported: ReportedIdentifier) => {
      const result = normaliseIdentifier(reported);
      if (result.ok) {
        expect(result.identifier.value.length).toBeGreaterThan(0);
        expect(result.identifier.masked.length).toBeGreaterThan(0);
      } else {
        expect(INVALID_REASONS).toContain(result.reason);
        expect(result.message.length).toBeGreaterThan(5);
      }
    }), { numRuns: 3000 });
  });

  it('is not changed by characters that print as nothing, wherever copy-paste put them', () => {
    fc.assert(fc.property(subject, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { minLength: 1, maxLength: 4 }), (reported, insertions) => {
      let scattered = reported.value;
      for (const [at, char] of insertions) {
        const position = at % (scattered.length + 1);
        scattered = scattered.slice(0, position) + char + scattered.slice(position);
      }
      const identity = (result: ReturnType<typeof normaliseIdentifier>): string => (result.ok ? `${result.identifier.kind}:${result.identifier.value}` : `refused:${result.reason}`);
      expect(identity(normaliseIdentifier({ ...reported, value: scattered }))).toBe(identity(normaliseIdentifier(reported)));
    }), { numRuns: 2000 });
  });

  it('gives one answer for one value', () => {
    fc.assert(fc.property(subject, (reported) => {
      expect(normaliseIdentifier(reported)).toEqual(normaliseIdentifier({ ...reported }));
    }), { numRuns: 500 });
  });
});

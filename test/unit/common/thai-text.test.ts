import { describe, expect, it } from '@jest/globals';
import { PiiCipher } from '../../../src/common/pii-cipher.js';
import { escapeLike, normaliseForSearch } from '../../../src/common/thai-text.js';

describe('normaliseForSearch', () => {
  it.each([
    ['โอน\u200Bเงิน', 'โอนเงิน'],
    ['ราคา ๑,๕๙๐ บาท', 'ราคา 1,590 บาท'],
    ['  Happy   Kitchen ', 'happy kitchen'],
    ['เ\u0e01', 'เก'],
    // ำ in two parts (NFKC's form, a PDF's), a tone mark perhaps between them, an invisible character too: one ำ.
    ['น\u0E49\u0E4D\u0E32ใจ', 'น้ำใจ'],
    ['น\u0E4D\u0E49\u0E32ใจ', 'น้ำใจ'],
    ['จ\u0E4D\u200B\u0E32กัด', 'จำกัด'],
    // The bidirectional marks and isolates chat apps put around numbers, the soft hyphen: as identifiers lose them.
    ['โทร \u200E081-234-5678\u200F', 'โทร 081-234-5678'],
    ['\u2066081\u2069 soft\u00ADhyphen', '081 softhyphen'],
  ])('%j → %j', (input, output) => {
    expect(normaliseForSearch(input)).toBe(output);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('PiiCipher', () => {
  const cipher = new PiiCipher(Buffer.alloc(32, 1));
  it('opens what it sealed, for the same field only', () => {
    const sealed = cipher.seal('complaint.complainant.nationalId', '1101700230708');
    expect(sealed).not.toContain('1101700230708');
    expect(cipher.open('complaint.complainant.nationalId', sealed)).toBe('1101700230708');
    expect(() => cipher.open('another.field', sealed)).toThrow();
    expect(() => new PiiCipher(Buffer.alloc(32, 2)).open('complaint.complainant.nationalId', sealed)).toThrow();
  });
});

import { describe, expect, it } from '@jest/globals';
import { asciiDigits, normaliseThaiId } from '../../../../src/matching/identifiers/thai-id.js';

describe('Thai national and juristic ids (mod-11 check digit)', () => {
  it.each([
    ['1101700230708', '1101700230708'],
    ['1-1017-00230-70-8', '1101700230708'],
    ['1 1017 00230 70 8', '1101700230708'],
    ['๑๑๐๑๗๐๐๒๓๐๗๐๘', '1101700230708'],
    ['3100600221117', '3100600221117'],
    ['0105536000313', '0105536000313'],
  ])('accepts %s', (input, digits) => {
    expect(normaliseThaiId(input)).toBe(digits);
  });

  it.each(['1101700230709', '110170023070', '11017002307080', '1101700230708x', '', 'abcdefghijklm', '1-1017-00230-70-9'])('refuses %j', (input) => {
    expect(normaliseThaiId(input)).toBeUndefined();
  });

  it('reads Thai digits', () => {
    expect(asciiDigits('โทร ๐๘๑-๒๓๔-๕๖๗๘')).toBe('โทร 081-234-5678');
  });
});

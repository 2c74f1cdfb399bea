import { describe, expect, it } from '@jest/globals';
import { checkCharacter, newReferenceCode, parseReferenceCode, REFERENCE_ALPHABET } from '../../../src/complaints/reference-code.js';

describe('reference codes', () => {
  it('look like XXXX-XXXX-C with no 0, O, 1 or I', () => {
    for (let i = 0; i < 500; i++) {
      const code = newReferenceCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/);
      expect(parseReferenceCode(code)).toBe(code);
    }
  });

  it('are read back however the caller types them', () => {
    const code = newReferenceCode();
    expect(parseReferenceCode(code.toLowerCase())).toBe(code);
    expect(parseReferenceCode(code.replace(/-/g, ' '))).toBe(code);
    expect(parseReferenceCode(` ${code.replace(/-/g, '')} `)).toBe(code);
  });

  it('catch every single wrong character', () => {
    const code = newReferenceCode().replace(/-/g, '');
    for (let position = 0; position < 9; position++) {
      for (const replacement of REFERENCE_ALPHABET) {
        if (replacement === code[position]) continue;
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(parseReferenceCode(typo)).toBeUndefined();
      }
    }
  });

  it('catch swapped neighbours in the body', () => {
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 200; i++) {
      const code = newReferenceCode().replace(/-/g, '');
      for (let position = 0; position < 7; position++) {
        if (code[position] === code[position + 1]) continue;
        tried++;
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        if (parseReferenceCode(swapped) === undefined) caught++;
      }
    }
    expect(caught / tried).toBeGreaterThan(0.95);
  });

  it.each(['', 'ABCD-EFGH', 'ABCD-EFGH-JK', 'ABC0-EFGH-J', 'ABCO-EFGH-J', 'ABC1-EFGH-J', 'ABCI-EFGH-J', 'กขคง-EFGH-J'])('refuses %j', (input) => {
    expect(parseReferenceCode(input)).toBeUndefined();
  });

  it('computes a known check character', () => {
    expect(checkCharacter('22222222')).toBe(checkCharacter('22222222'));
    expect(REFERENCE_ALPHABET).toHaveLength(32);
  });
});

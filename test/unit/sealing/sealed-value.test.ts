import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { isSealed, newKid, openValue, sealValue, sealedKid } from '../../../src/sealing/sealed-value.js';

describe('sealed values (AES-256-GCM, key id and context bound)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, for any text, and says which key sealed it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const sealed = sealValue(key, '20261130-abcd', 'complaint.personal_data:1', text);
        expect(isSealed(sealed)).toBe(true);
        expect(sealedKid(sealed)).toBe('20261130-abcd');
        expect(openValue(key, sealed, 'complaint.personal_data:1').toString('utf8')).toBe(text);
      }),
    );
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(sealValue(key, 'k1', 'c', 'สมหญิง')).not.toBe(sealValue(key, 'k1', 'c', 'สมหญิง'));
  });

  it('refuses another context, another key, or any altered part', () => {
    const sealed = sealValue(key, 'k1', 'complaint.personal_data:1', 'สมหญิง ใจงาม 0812345678');
    expect(() => openValue(key, sealed, 'complaint.personal_data:2')).toThrow();
    expect(() => openValue(randomBytes(32), sealed, 'complaint.personal_data:1')).toThrow();
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const part = Buffer.from(altered[index]!, 'base64url');
      part[0] ^= 1;
      altered[index] = part.toString('base64url');
      expect(() => openValue(key, altered.join('.'), 'complaint.personal_data:1')).toThrow();
    }
  });

  it('tells a sealed value from a JWS or JSON stored before sealing', () => {
    expect(isSealed('eyJhbGciOiJFUzI1NiJ9.eyJ9.sig')).toBe(false);
    expect(isSealed('{"type":"ocx.match-notice"}')).toBe(false);
    expect(() => sealedKid('eyJhbGciOiJFUzI1NiJ9.eyJ9.sig')).toThrow('not a sealed value');
  });

  it('makes key ids that sort by age and fit the format', () => {
    const kid = newKid(new Date('2026-11-30T10:00:00Z'));
    expect(kid).toMatch(/^20261130-[0-9a-f]{8}$/);
    expect(() => sealValue(key, 'has.dot', 'c', 'x')).toThrow('not a data key id');
  });
});

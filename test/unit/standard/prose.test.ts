import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCharacter, parseReferenceCode, REFERENCE_ALPHABET } from '../../../src/complaints/reference-code.js';
import { ALLOWED_EVIDENCE_TYPES } from '../../../src/evidence/media-types.js';

/** What schemas/README.md (the standard's prose) says is what the hub does: an implementer has only the prose. */
const prose = readFileSync(path.resolve('schemas', 'README.md'), 'utf8');

/** The check character as §2 spells the algorithm out, written from the prose and nothing else. */
function checkCharacterAsWritten(body: string): string {
  const values = [...body].map((character) => REFERENCE_ALPHABET.indexOf(character));
  let sum = 0;
  values.reverse().forEach((value, index) => {
    const doubled = index % 2 === 0 ? value * 2 : value;
    sum += Math.floor(doubled / 32) + (doubled % 32);
  });
  return REFERENCE_ALPHABET[(32 - (sum % 32)) % 32]!;
}

describe("the standard's prose", () => {
  it('publishes the reference code alphabet and its check character, with worked examples that hold', () => {
    expect(prose).toContain(REFERENCE_ALPHABET);
    for (const [body, check] of [...prose.matchAll(/`(\w{4})-(\w{4})` has (?:the check character )?`(\w)`/g)].map((match) => [`${match[1]}${match[2]}`, match[3]!] as const)) {
      expect(checkCharacter(body)).toBe(check);
    }
    expect(parseReferenceCode('7k4m 9qxb e')).toBe('7K4M-9QXB-E');
    for (let run = 0; run < 2000; run++) {
      const body = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[Math.floor(Math.random() * 32)]).join('');
      expect(checkCharacterAsWritten(body)).toBe(checkCharacter(body));
    }
  });

  it('lists every evidence media type the hub accepts', () => {
    const section = prose.slice(prose.indexOf('## 5. Evidence'), prose.indexOf('## 6. Errors'));
    for (const mediaType of ALLOWED_EVIDENCE_TYPES) expect(section).toContain(`\`${mediaType}\``);
    const listed = [...section.matchAll(/`((?:image|application|text|audio)\/[a-z0-9.+-]+)`/g)].map((match) => match[1]);
    expect(new Set(listed)).toEqual(new Set(ALLOWED_EVIDENCE_TYPES));
  });
});

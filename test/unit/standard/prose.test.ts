import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCharacter, parseReferenceCode, REFERENCE_ALPHABET } from '../../../src/complaints/reference-code.js';
import { ALLOWED_EVIDENCE_TYPES } from '../../../src/evidence/media-types.js';
import { normaliseIdentifier } from '../../../src/matching/identifiers/index.js';
import type { ReportedIdentifier } from '../../../src/matching/identifiers/index.js';

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

  it("masks each kind of identifier as §2.5's table shows, and the examples use those masks", () => {
    const section = prose.slice(prose.indexOf('**Masked values.**'), prose.indexOf('**Clusters.**'));
    // Each example of the table, from an input the hub masks into it.
    const inputs: Record<string, ReportedIdentifier> = {
      '+66 81 xxx x678': { type: 'phone', value: '081-234-5678' },
      '+66 2 xxx x567': { type: 'phone', value: '02-123-4567' },
      'KBANK xxxxxx7890': { type: 'bank_account', bank: '004', value: '123-4-56789-0' },
      'GSB xxxxxxxx9012': { type: 'bank_account', bank: '030', value: '123456789012' },
      'x-xxxx-xxxxx-12-3': { type: 'national_id', value: nationalIdEndingIn('12', '3') },
      '140 xxxxxxxx1234': { type: 'ewallet', value: '140000000001234' },
      'so…ai@gmail.com': { type: 'email', value: 'somchai@gmail.com' },
      'LINE ha…en': { type: 'line_id', value: 'happykitchen' },
      'LINE @sh…op': { type: 'line_id', value: '@shop' },
      'facebook.com/ip…44': { type: 'social_profile', value: 'https://www.facebook.com/ipad.shop44' },
      'facebook.com/profile.php?id=xxxxxxxxxxx4321': { type: 'social_profile', value: 'https://www.facebook.com/profile.php?id=100000000004321' },
      'gold-asia78.top': { type: 'url', value: 'https://www.gold-asia78.top/promo' },
      'shopee.co.th/shop/12…89': { type: 'url', value: 'https://shopee.co.th/shop/123456789' },
      'ส…': { type: 'person_name', value: 'สมชาย ใจดี' },
    };
    for (const [masked, input] of Object.entries(inputs)) {
      expect(section).toContain(`\`${masked}\``);
      const normalised = normaliseIdentifier(input);
      expect(normalised.ok && normalised.identifier.masked).toBe(masked);
    }
    // The MatchNotice examples show masks the hub would write.
    const examples = path.resolve('schemas', 'ocx', 'v1', 'examples', 'valid');
    for (const file of readdirSync(examples).filter((name) => name.startsWith('match-notice.'))) {
      const notice = JSON.parse(readFileSync(path.join(examples, file), 'utf8')) as { matches: Array<{ identifierType: string; maskedValue: string }> };
      for (const match of notice.matches) expect(Object.keys(inputs).filter((masked) => shapeOf(masked) === shapeOf(match.maskedValue))).not.toEqual([]);
    }
  });
});

/** A valid 13-digit Thai id whose 11th–12th digits and check digit are these. */
function nationalIdEndingIn(pair: string, check: string): string {
  for (let prefix = 1_000_000_000; ; prefix++) {
    const first12 = `${prefix}${pair}`;
    const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (13 - index), 0);
    if (String((11 - (sum % 11)) % 10) === check) return first12 + check;
  }
}

/** A masked value with its visible characters generalised: digits as 9, letters as a. */
function shapeOf(masked: string): string {
  return masked.replace(/[0-9]/g, '9').replace(/[a-wyzA-Z]/g, 'a');
}

import { randomInt } from 'node:crypto';

/**
 * Reference codes are read over the phone: 8 random characters and a check
 * character from an alphabet without 0/O and 1/I, written XXXX-XXXX-C. The check
 * is Luhn mod 32, which catches every single wrong character and most swaps.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = REFERENCE_ALPHABET.length;

export function newReferenceCode(random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += REFERENCE_ALPHABET[random(N)];
  return format(body + checkCharacter(body));
}

/** Accepts what a caller reads out: any case, spaces or dashes, and O/I/L typed for 0/1-lookalikes are not in the alphabet. */
export function parseReferenceCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 9 || [...compact].some((char) => !REFERENCE_ALPHABET.includes(char))) return undefined;
  const body = compact.slice(0, 8);
  return checkCharacter(body) === compact[8] ? format(compact) : undefined;
}

export function checkCharacter(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * REFERENCE_ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return REFERENCE_ALPHABET[(N - (sum % N)) % N]!;
}

function format(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

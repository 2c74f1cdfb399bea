import { asciiDigits, canonical, cleanInput, invalid, type Normalised } from './identifier.js';

export { asciiDigits } from './identifier.js';

/**
 * A Thai national id (เลขประจำตัวประชาชน) or juristic id: 13 digits, the last a
 * mod-11 check digit. Dashes and spaces are ignored. Returns the 13 digits, or
 * undefined when the value is not a valid id.
 */
export function normaliseThaiId(value: string): string | undefined {
  const digits = asciiDigits(value).replace(/[\s-]/g, '');
  if (!/^[0-9]{13}$/.test(digits)) return undefined;
  return hasValidCheckDigit(digits) ? digits : undefined;
}

function hasValidCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/** National and juristic ids share one 13-digit space, so they share the kind `thai_id`. */
export function normaliseThaiIdIdentifier(value: string): Normalised {
  const text = cleanInput(value);
  // Words with no digit, apart from the one number (`ID 1101700230708 ค่ะ`), are a label or a remark.
  const runs = [...text.matchAll(/[0-9][0-9\s.\-–]*[0-9]|[0-9]/g)];
  const apart = runs.length === 1 && /(^|\s)$/.test(text.slice(0, runs[0]!.index)) && /^(\s|$)/.test(text.slice(runs[0]!.index + runs[0]![0].length));
  const digits = (apart ? runs[0]![0] : text).replace(/[\s.\-–]/g, '');
  if (digits === '') return invalid('empty', 'The id is empty.');
  if (!/^[0-9]+$/.test(digits)) return invalid('wrong_digit_count', 'A Thai id has 13 digits and nothing else.');
  if (digits.length !== 13) return invalid('wrong_digit_count', `A Thai id has 13 digits, not ${digits.length}.`);
  if (!hasValidCheckDigit(digits)) return invalid('bad_check_digit', 'The last digit of this id is not its mod-11 check digit.');
  return canonical('thai_id', digits, `x-xxxx-xxxxx-${digits.slice(10, 12)}-${digits[12]}`);
}

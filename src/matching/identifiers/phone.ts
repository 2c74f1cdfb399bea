import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { canonical, cleanInput, invalid, isMaskedNumber, type Normalised } from './identifier.js';

/**
 * A phone number in E.164. Thai numbers are accepted in every spelling people use
 * (0812345678, 081-234-5678, +66 81 234 5678, 66812345678, 0066812345678,
 * (081) 234-5678, Thai digits, dots); landlines too (02 123 4567). A number from
 * another country must carry its country code (+ or 00) and be valid by
 * libphonenumber's metadata; a Thai one must have the digits of a Thai mobile or
 * landline.
 */
export function normalisePhone(value: string): Normalised {
  const written = cleanInput(value).replace(/^(tel|โทร|phone|mobile)[.:]?\s*/i, '').replace(EXTENSION, '');
  // `1441`, `*1441`, `#1212`, `191`: an organisation's short number (dialled with * or # from some phones). The * is
  // not a hidden digit.
  const shortNumber = /^[*#]?(1[0-9]{2,3})$/.exec(written.replace(/[\s-]/g, ''));
  if (shortNumber) return invalid('service_number', `${shortNumber[1]} is a service number; it identifies an organisation's call centre, not a person.`);
  if (isMaskedNumber(written)) return invalid('not_a_phone_number', 'The number has hidden digits (as a slip or a call log shows it): ask for the whole number.');
  const number = numberIn(written);
  if (number === undefined) return invalid('not_a_phone_number', 'The value holds more than one number: give one per identifier.');
  const text = number
    // `(+855) 12 345 678`, `(081) 234-5678`: brackets around a country or area code; `+855 (0) 12…`: the trunk 0.
    .replace(/^\(\s*(\+?[0-9]{1,4})\s*\)\s*/, '$1 ')
    .replace(/^(\+?[0-9]{1,4})\s*\(0\)\s*/, '$1 ');
  if (text === '') return invalid('empty', 'The phone number is empty.');
  if (/[^0-9+\s().\-–/]/.test(text)) return invalid('not_a_phone_number', 'A phone number has only digits, spaces, dashes, dots, brackets and a leading +.');
  const digits = text.replace(/[^0-9]/g, '');
  const international = text.startsWith('+') || digits.startsWith('00');
  let e164: string;
  if (international) e164 = `+${digits.replace(/^00/, '')}`;
  // 66 and nine or eight more digits: a Thai number written with its country code but without the +.
  else if (/^66[1-9][0-9]{7,8}$/.test(digits)) e164 = `+${digits}`;
  else if (digits.startsWith('0')) e164 = `+66${digits.slice(1)}`;
  // Nine digits starting 6, 8 or 9, written as digits only: a Thai mobile whose leading 0 a spreadsheet dropped.
  else if (/^[689][0-9]{8}$/.test(digits) && /^[0-9]+$/.test(text)) e164 = `+66${digits}`;
  // A neighbour's number whose + was dropped (`855 12 345 678`, as a call log is copied): its country code first, and
  // valid with it. Only the countries call centres phone from: another run of digits is too easily an account.
  else if (/^[1-9][0-9]{10,14}$/.test(digits) && NEIGHBOUR_CODES.test(digits) && parsePhoneNumberFromString(`+${digits}`)?.isValid()) e164 = `+${digits}`;
  else if (/^1[0-9]{2,3}$/.test(digits)) return invalid('service_number', `${digits} is a service number; it identifies an organisation's call centre, not a person.`);
  // `1800-xxx-xxx`: a toll-free number, which only organisations hold.
  else if (/^1800[0-9]{6}$/.test(digits)) return invalid('service_number', `${text} is a toll-free number; it identifies an organisation's call centre, not a person.`);
  else return invalid('not_a_phone_number', 'A Thai number starts with 0, or with +66 / 0066 / 66.');

  if (e164.startsWith('+66')) {
    // Thai numbers by their structure, not libphonenumber's list of allocated blocks, which lags behind the
    // operators' (069… and 067… mobiles are refused by it): a mobile is 0 and 9 digits starting 6, 8 or 9; a
    // landline 0 and 8 digits starting 2 to 7.
    // `+66 (0) 81…`: the trunk 0 written after the country code is dropped.
    const national = e164.slice(3).replace(/^0/, '');
    if (!/^([689][0-9]{8}|[2-7][0-9]{7})$/.test(national)) {
      return invalid(/^[2-9]/.test(national) ? 'wrong_digit_count' : 'not_a_phone_number',
        `${text} does not have the digits of a Thai number (0 and 9 more for a mobile, 0 and 8 more for a landline).`);
    }
    return canonical('phone', `+66${national}`, maskPhone('66', national));
  }
  const phone = parsePhoneNumberFromString(e164);
  if (!phone || !phone.isValid()) return invalid('not_a_phone_number', `${text} is not a valid number.`);
  return canonical('phone', phone.number, maskPhone(phone.countryCallingCode, phone.nationalNumber));
}

/** A number and nothing else: digits, the marks people group them with, a + before (`081-234-5678`, `+855 12 345 678`). */
export function looksLikePhone(text: string): boolean {
  return /^\+?[0-9][0-9\s\-–().]{7,}$/.test(text);
}

/**
 * Country codes of the neighbours and the region that call-centre gangs phone Thailand from (Cambodia, Myanmar, Laos,
 * Malaysia, Vietnam, China, the Philippines, Indonesia, Singapore, Taiwan, Hong Kong, Macau).
 */
const NEIGHBOUR_CODES = /^(855|95|856|60|84|86|63|62|65|886|852|853)/;

/** An extension after the number (`ต่อ 12`, `ext. 3`, `x 3`, `#3`): the line is the number's. */
const EXTENSION = /(?<=[0-9])\s*(?:ต่อ|กด|ext\.?|extension|\sx|#)\s*[0-9]{1,5}$/i;
/** A number as written: digits and what people group them with, a + or a bracket before. */
const NUMBER_RUN = /[+(]*[0-9][0-9\s().\-–/]*/g;

/**
 * The number in a value with words around it, as people paste a line (`เบอร์ที่โทรมา 081…`, `WhatsApp +855…`,
 * `081… คุณสมชาย`): when the words have no digit, they are labels or names, never part of the number. Undefined for
 * text with two numbers, to be refused rather than read as one.
 */
function numberIn(text: string): string | undefined {
  if (!/[^0-9+\s().\-–/]/.test(text)) return text;
  const runs = [...text.matchAll(NUMBER_RUN)].map((run) => run[0].replace(/[\s(.\-–/]+$/, '').replace(/^\(([^)]*)$/, '$1'));
  const digitsOf = (run: string): string => run.replace(/[^0-9]/g, '');
  // The same number written twice (`081-234-5678, 0812345678`) is one number.
  if (runs.length === 1 || runs.length > 1 && new Set(runs.map(digitsOf)).size === 1) return runs[0]!.trim();
  // A count or a time in the words (`081… (โทรมา 3 ครั้ง)`, `เวลา 14.30`) is not a second number: no phone has four
  // digits or fewer. Two long runs stay two numbers.
  const long = runs.filter((run) => digitsOf(run).length > 4);
  if (long.length === 1 && runs.length > 1) return long[0]!.trim();
  return runs.length > 1 ? undefined : text;
}

/** `+66 81 xxx x678`: the country code, the first two digits and the last three. */
function maskPhone(countryCode: string, national: string): string {
  const head = national.startsWith('2') && countryCode === '66' ? national.slice(0, 1) : national.slice(0, 2);
  const hidden = national.length - head.length - 3;
  const middle = 'x'.repeat(Math.max(hidden, 0));
  const grouped = middle.length > 3 ? `${middle.slice(0, 3)} ${middle.slice(3)}` : middle;
  return `+${countryCode} ${head} ${grouped}${national.slice(-3)}`;
}

import { asciiDigits, hasThai, joinSaraAm, removeInvisible } from '../../common/thai-text.js';
import type { MatchKind } from '../../standard/codes.js';

/**
 * What the normalisers return. Pure types: no Nest, no database.
 *
 * An identifier is reduced to a `kind` and a canonical `value`. Two identifiers
 * are the same exactly when kind and value are equal, whatever type the reporter
 * gave: a PromptPay id that is a phone number has kind `phone`, a Facebook URL
 * filed as `url` has kind `social_profile`, a national and a juristic id share
 * kind `thai_id` (one 13-digit space, one check digit).
 */
export { MATCH_KINDS, type MatchKind } from '../../standard/codes.js';

/** Strong identifiers link cases; weak ones (names) only suggest. */
export type Strength = 'strong' | 'weak';

export const WEAK_KINDS: ReadonlySet<MatchKind> = new Set<MatchKind>(['person_name', 'shop_name']);

export interface CanonicalIdentifier {
  kind: MatchKind;
  /** The canonical form; never stored for partner-shared cases, only its keyed hash. */
  value: string;
  strength: Strength;
  /** A display form that does not reveal the value (`+66 81 xxx x678`). */
  masked: string;
}

/** Why a value identifies nobody. Stable codes, shown to staff next to the value they typed. */
export const INVALID_REASONS = [
  'empty',
  'unsupported_type',
  'not_a_phone_number',
  'wrong_digit_count',
  'service_number',
  'bad_check_digit',
  'unknown_bank',
  'bank_missing',
  'wrong_account_length',
  'not_an_ewallet_id',
  'not_a_url',
  'identifies_nobody',
  'not_a_profile',
  'not_a_line_id',
  'not_an_email',
  'not_a_name',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

export type Normalised =
  | { ok: true; identifier: CanonicalIdentifier }
  | { ok: false; reason: InvalidReason; message: string };

/**
 * Words that stand for no value (`unknown`, `n/a`, `ไม่ทราบ`, `-`), written because a box could not be left empty: as
 * identifiers they would link everyone who wrote them. Lower case.
 */
const PLACEHOLDERS = new Set([
  'unknown', 'none', 'null', 'nil', 'n/a', 'na', 'no', 'nope', 'nothing', 'tbd', 'test', 'anonymous', 'noname', 'no name', 'not known',
  '-', '--', '---', '.', '?', '??', 'x', 'xx', 'xxx', 'ไม่มี', 'ไม่ทราบ', 'ไม่รู้', 'ไม่ระบุ', 'ไม่แน่ใจ', 'ไม่มีข้อมูล', 'ไม่ทราบข้อมูล',
]);

/** A value that stands for no value, or an account of one digit repeated (`0000000000`). */
export function isPlaceholder(text: string): boolean {
  // Placeholders are short; most values are not, and need no folding.
  if (text.length > 24) return false;
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return oneDigitRepeated(text);
  return text.length <= 16 && PLACEHOLDERS.has(text.trim().toLowerCase().replace(/^@/, ''));
}

/** Six digits or more, all one digit, with spaces or dashes between (`000-0-00000-0`). */
function oneDigitRepeated(text: string): boolean {
  let count = 0;
  for (const char of text) {
    if (char === text[0]) count++;
    else if (char !== ' ' && char !== '-') return false;
  }
  return count >= 6;
}

export function canonical(kind: MatchKind, value: string, masked: string): Normalised {
  return { ok: true, identifier: { kind, value, strength: WEAK_KINDS.has(kind) ? 'weak' : 'strong', masked } };
}

export function invalid(reason: InvalidReason, message: string): Normalised {
  return { ok: false, reason, message };
}

/** Spaces that are not U+0020: no-break, the typographic ones, the ideographic. */
const OTHER_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
/** Full-width ASCII (U+FF01–FF5E), as Asian keyboards type it. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Dashes that are not U+002D: the hyphens, en and em dashes and the minus sign word processors and PDFs put in numbers. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;

export { asciiDigits };

/**
 * NFC (not NFKC: NFKC splits the Thai vowel ำ into two characters, so `จำกัด` would no longer match a name list), ำ
 * written in two parts made one, ASCII digits (Thai digits too), full-width forms folded, invisible characters
 * removed, other spaces and dashes made plain, trimmed, quotation marks around the whole value dropped.
 */
export function cleanInput(value: string): string {
  // Printable ASCII has nothing to fold (most values are): only the ends to trim.
  if (PRINTABLE_ASCII.test(value)) return unquote(value.trim());
  const folded = joinSaraAm(removeInvisible(value.normalize('NFC'))).replace(OTHER_SPACES, ' ').replace(DASHES, '-').replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  const text = asciiDigits(folded).trim();
  return unquote(symbolAtAnEnd(text) ? text.replace(EDGE_SYMBOLS, '').trim() : text);
}

/** Whether an end of the text may be an emoji or a bullet (EDGE_SYMBOLS), told by its code unit: Thai is below U+2000. */
function symbolAtAnEnd(text: string): boolean {
  const maybe = (code: number): boolean => code >= 0x2000 || code === 0xa9 || code === 0xae || code === 0xb7;
  return text.length > 0 && (maybe(text.charCodeAt(0)) || maybe(text.charCodeAt(text.length - 1)));
}

/** Emoji and bullets around a value, as chat messages point at it (`👉 https://…`, `📞 081…`, `• @shop`). */
const EDGE_SYMBOLS = /^[\p{Extended_Pictographic}\uFE0F\u20E3•·►▶▸→⇒➜➔\s]+|[\p{Extended_Pictographic}\uFE0F\u20E3◄◀←⇐\s]+$/gu;

/** Quotation marks around the whole value (`"somchai"`, `“somchai”`, `「somchai」`), as a value quoted in a message is pasted. */
const QUOTED = /^["'“‘«「『]\s*([^]*?)\s*["'”’»」』]$/;

function unquote(text: string): string {
  return text.length > 2 && QUOTED.test(text) ? text.replace(QUOTED, '$1') : text;
}

/** Keeps the last `visible` characters, the rest as `x`. */
export function maskTail(value: string, visible: number): string {
  if (value.length <= visible) return 'x'.repeat(value.length);
  return 'x'.repeat(value.length - visible) + value.slice(-visible);
}

/** First and last characters of a handle, the middle elided. */
export function maskHandle(handle: string): string {
  const chars = [...handle];
  if (chars.length <= 3) return `${chars[0] ?? ''}…`;
  return `${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}`;
}

const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/**
 * The one token of a Thai sentence that has the shape of the value (`แอดไลน์ @shop123 นะคะ`, `ส่งมาที่ a@b.com ค่ะ`,
 * `เข้าเว็บ scam-shop.com แล้วโอน`): the value with the sentence around it dropped. Only when the rest has no Latin
 * letter or digit, so that two candidates, or a word of another language, leave the value as it was. `token` is a
 * global pattern, compiled once by its caller.
 */
export function soleTokenInThai(text: string, token: RegExp): string {
  if (!hasThai(text)) return text;
  const found = [...text.matchAll(token)];
  if (found.length !== 1) return text;
  const [match] = found;
  const rest = text.slice(0, match!.index) + ' ' + text.slice(match!.index + match![0].length);
  return LATIN_OR_DIGIT.test(rest) ? text : match![0];
}

/**
 * The one token of a sentence, in any language, that has a shape no word has: a web address, an e-mail address, an
 * @handle (`เพจชื่อ Deal Beauty facebook.com/dealbeauty45`, `please mail a@b.com`). Words around it, Latin ones too, are
 * not candidates; two tokens leave the value as it was. `token` is a global pattern, compiled once by its caller.
 */
export function soleToken(text: string, token: RegExp): string {
  if (!/\s/.test(text)) return text;
  const found = [...text.matchAll(token)];
  return found.length === 1 ? found[0]![0] : text;
}

/**
 * A number with digits hidden (`xxx-x-x5678-x`, `081-xxx-5678`, `***5678`), as a transfer slip or an app shows it: it
 * identifies nobody, and staff should ask for the whole number.
 */
export function isMaskedNumber(text: string): boolean {
  return /[0-9]/.test(text) && /(^|[\s\-–.0-9])[xX*•]+(?=$|[\s\-–.0-9])|[0-9][xX*•]|[xX*•][0-9]/.test(text);
}

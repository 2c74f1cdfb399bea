/** Thai digits ๐-๙ as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The vowel ำ written as its two parts, nikhahit and sara aa (what NFKC makes of it, and what text copied from a PDF
 * often holds), a tone mark perhaps between them (`นํ้า`): one ำ again, after the tone mark (`น้ำ`).
 */
const SARA_AM_SPLIT = /\u0E4D([\u0E48-\u0E4B]?)\u0E32/g;

/** Thai text with ำ written in two parts made one (SARA_AM_SPLIT). */
export function joinSaraAm(text: string): string {
  return text.replace(SARA_AM_SPLIT, '$1\u0E33');
}

/**
 * Text as it is searched: NFC, ำ in two parts made one, Thai digits as 0-9, zero-width characters removed
 * (they appear in text pasted from chats), spaces collapsed, lower case for Latin.
 * Thai has no spaces between words, so search is by substring.
 */
export function normaliseForSearch(text: string): string {
  return asciiDigits(joinSaraAm(text.normalize('NFC').replace(ZERO_WIDTH, ''))).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

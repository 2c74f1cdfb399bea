/** Whether the text has a character of the Thai script. */
export function hasThai(text: string): boolean {
  return THAI_SCRIPT.test(text);
}

const THAI_SCRIPT = /[\u0E00-\u0E7F]/;

/** Thai digits ๐-๙ as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

/**
 * Characters copy-paste brings along that print as nothing: zero-width spaces and joiners, the word joiner and the
 * invisible operators, the BOM, the soft hyphen, the Mongolian vowel separator, and the bidirectional marks,
 * embeddings, overrides and isolates (LRM, RLM, ALM, LRE…PDF, LRI…PDI) that chat apps put around numbers in
 * right-to-left or mixed text.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Text without the characters that print as nothing (INVISIBLE). */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

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
 * Text as it is searched: NFC, ำ in two parts made one, Thai digits as 0-9, invisible characters removed (they
 * appear in text pasted from chats, the same ones identifiers lose), spaces collapsed, lower case for Latin.
 * Thai has no spaces between words, so search is by substring.
 */
export function normaliseForSearch(text: string): string {
  return asciiDigits(joinSaraAm(removeInvisible(text.normalize('NFC')))).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

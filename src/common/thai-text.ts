/** Thai digits ๐-๙ as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Text as it is searched: NFC, Thai digits as 0-9, zero-width characters removed
 * (they appear in text pasted from chats), spaces collapsed, lower case for Latin.
 * Thai has no spaces between words, so search is by substring (pg_trgm).
 */
export function normaliseForSearch(text: string): string {
  return asciiDigits(text.normalize('NFC').replace(ZERO_WIDTH, '')).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

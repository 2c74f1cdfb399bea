/** What evidence may be: photos and screenshots, PDFs (police reports), plain text (chat exports), call recordings. */
export const ALLOWED_EVIDENCE_TYPES = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif',
  'application/pdf',
  'text/plain',
  'audio/mpeg', 'audio/wav', 'audio/x-m4a', 'audio/mp4', 'audio/ogg', 'audio/amr', 'audio/aac', 'audio/x-flac', 'audio/flac',
] as const;

/**
 * Plain text when the bytes sniffed so far are valid UTF-8 without control
 * characters other than tab, newline and carriage return (what a chat export is).
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // A multi-byte character may be cut at the end of the sample: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    const sample = head.subarray(0, head.length - cut);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
    } catch {
      continue;
    }
  }
  return false;
}

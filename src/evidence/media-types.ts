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

/**
 * Markup sent as "text": HTML, SVG and XML carry active content (scripts, links) that a
 * browser runs when the file is opened, whatever it is called. Looked for at the start of
 * the text (after a BOM and white space) and anywhere in the sampled head.
 */
export function looksLikeMarkup(head: Buffer): boolean {
  const text = head.toString('utf8').replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (/^<(\?xml|!doctype|html|svg|script|iframe|body|head|meta|a\s|img\s|object|embed)/.test(text)) return true;
  return /<(script|svg|iframe|object|embed)[\s>]|<html[\s>]|javascript:/.test(text);
}

/** What a file's name says it is, by its extension; undefined for a name with no extension the hub knows. */
const TYPE_OF_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jfif: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif',
  pdf: 'application/pdf', txt: 'text/plain', text: 'text/plain', log: 'text/plain',
  mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/x-m4a', ogg: 'audio/ogg', oga: 'audio/ogg', amr: 'audio/amr', aac: 'audio/aac', flac: 'audio/flac',
  // Names of things that are never evidence: a file called so is refused whatever its bytes are.
  html: 'text/html', htm: 'text/html', svg: 'image/svg+xml', xml: 'application/xml', js: 'text/javascript', mjs: 'text/javascript',
  exe: 'application/x-msdownload', dll: 'application/x-msdownload', bat: 'application/x-bat', cmd: 'application/x-bat', ps1: 'text/x-powershell',
  sh: 'application/x-sh', scr: 'application/x-msdownload', msi: 'application/x-msi', apk: 'application/vnd.android.package-archive', jar: 'application/java-archive',
  vbs: 'text/vbscript', hta: 'application/hta', lnk: 'application/x-ms-shortcut',
};

/**
 * The family a type belongs to. A name agrees with the content when both are of one family: a
 * phone's PNG screenshot saved as `.jpg` is still a picture, but a script called `.pdf` is not
 * a document, and an executable called `.jpg` is not a picture.
 */
function familyOf(type: string): string {
  if (type.startsWith('image/') && type !== 'image/svg+xml') return 'image';
  if (type.startsWith('audio/')) return 'audio';
  return type;
}

/** The type a file name declares, or undefined. */
export function declaredType(filename: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return match ? TYPE_OF_EXTENSION[match[1]!.toLowerCase()] : undefined;
}

/** Whether the name's declared type (if any) agrees with what the bytes are. */
export function nameAgreesWithContent(filename: string, detected: string): boolean {
  const declared = declaredType(filename);
  return declared === undefined || familyOf(declared) === familyOf(detected);
}

/**
 * A file name that is safe to store and to offer back in a download: NFC; no bidirectional
 * or other invisible formatting characters (a right-to-left override turns `gpj.exe`
 * into what reads as `exe.jpg`); no leading or trailing spaces or dots; never `.`, `..` or
 * empty (then `evidence`). Slashes and control characters are refused before this.
 */
export function safeFilename(filename: string): string {
  const cleaned = filename
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned === '' ? 'evidence' : cleaned.slice(0, 255);
}

import type { IdentifierType } from '../../standard/codes.js';

/**
 * The words people paste around a value (`เบอร์ 081-234-5678`, `เลขบัญชี 123-4-56789-0`, `ID Line: somchai`,
 * `081-234-5678 (คุณเอ)`), as data: a label before the value, per type, and a remark in brackets after it. Labels
 * of every type are tried on every field, since a pasted line keeps its label whatever box it lands in. A label
 * that is also an ordinary word (`line`, `id`, `page`) counts only with a colon after it.
 */
const LABELS_BY_TYPE: ReadonlyArray<readonly [IdentifierType | undefined, readonly string[]]> = [
  // Chat apps that know their users by phone number (`WhatsApp +855…`, `Viber: 081…`) label a phone too.
  ['phone', ['เบอร์โทรศัพท์', 'เบอร์โทร', 'เบอร์มือถือ', 'เบอร์', 'หมายเลขโทรศัพท์', 'โทรศัพท์', 'โทร', 'มือถือ', 'tel', 'phone', 'mobile', 'call', 'whatsapp', 'viber', 'วอทส์แอป', 'วอทแอป', 'ไวเบอร์']],
  ['bank_account', ['เลขที่บัญชี', 'เลขบัญชี', 'หมายเลขบัญชี', 'บัญชีเลขที่', 'บัญชี', 'บช', 'a/c no', 'a/c', 'acc no', 'acct no', 'account no', 'account number', 'account']],
  ['promptpay', ['เบอร์พร้อมเพย์', 'หมายเลขพร้อมเพย์', 'เลขพร้อมเพย์', 'พร้อมเพย์', 'พร้อมเพ', 'promptpay id', 'promptpay', 'prompt pay']],
  ['national_id', ['เลขบัตรประชาชน', 'เลขประจำตัวประชาชน', 'บัตรประชาชน', 'เลขบัตร', 'citizen id', 'id card', 'national id']],
  ['juristic_id', ['เลขประจำตัวผู้เสียภาษี']],
  ['line_id', ['ไอดีไลน์', 'ไลน์ไอดี', 'ไลน์', 'id line', 'line id', 'lineid', 'line oa', 'ไลน์ oa']],
  ['email', ['อีเมล', 'อีเมล์', 'e-mail', 'email']],
  ['url', ['เว็บไซต์', 'เว็บ', 'website', 'web', 'url']],
  // Say nothing of the type: a contact, a link or a page may be anything.
  [undefined, ['ติดต่อ', 'ลิงก์', 'ลิ้งค์', 'link', 'เพจ', 'fanpage']],
  // A chat group's invitation (investment scams gather their victims so): the link says which app.
  [undefined, ['ลิงก์เข้ากลุ่ม', 'ลิงก์กลุ่ม', 'กลุ่มไลน์', 'กลุ่ม line', 'ห้อง openchat', 'ห้องแชท', 'กลุ่มแชท', 'line openchat', 'openchat', 'open chat']],
];
const LABELS_WITH_OR_WITHOUT_COLON = LABELS_BY_TYPE.flatMap(([, labels]) => labels);
/** The type a label says its value is (`เบอร์` a phone, `ไลน์` a LINE id), by the label in lower case. */
const TYPE_OF_LABEL = new Map<string, IdentifierType>([
  ...LABELS_BY_TYPE.flatMap(([type, labels]) => (type ? labels.map((label) => [label, type] as const) : [])),
  ['line', 'line_id'],
]);
// Not `fb:`, `ig:`, `tiktok:`: for a profile they say which platform (normaliseSocialProfile reads them).
const LABELS_WITH_COLON = ['line', 'id', 'page', 'shop', 'ร้าน'];

const escape = (label: string): string => label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;
/**
 * A label at the start, then what ends it: a colon or `=` (with spaces or not), a dash or a dot with a space after
 * it, a space, or, for a label in Thai script, nothing when a digit or `+` follows (`เบอร์0812345678`). Never a
 * Latin label run into the value (`website.com`, `emailme@…`, `lineid1234` keep their first letters). The labels
 * that are also words need the colon.
 */
const alternatives = (labels: readonly string[]): string => [...labels].sort(byLength).map(escape).join('|');
const THAI_LABELS = LABELS_WITH_OR_WITHOUT_COLON.filter((label) => /[\u0E00-\u0E7F]/.test(label));
const LATIN_LABELS = LABELS_WITH_OR_WITHOUT_COLON.filter((label) => !/[\u0E00-\u0E7F]/.test(label));
// The dash before the space: `ID Line - somchai` loses the dash with its label.
const SEPARATOR = '(?:\\s*[:：=]\\s*|\\s*[-–]\\s+|\\.?\\s+)';
const LEADING_LABEL = new RegExp(
  `^(?:(?:${alternatives(THAI_LABELS)})(?:${SEPARATOR}|\\.?(?=[0-9+]))|(?:${alternatives(LATIN_LABELS)})${SEPARATOR}|(?:${alternatives(LABELS_WITH_COLON)})\\s*[:：](?!//)\\s*)`,
  'i',
);

/**
 * A remark in brackets at the end that has no digit, `@` or `/` in it (`(คุณเอ)`, `[แอดมิน]`): a name or a note, never
 * the value (`Somchai Jaidee (somchai@gmail.com)` keeps its address).
 */
const TRAILING_REMARK = /\s*[([（【][^0-9@/()[\]（）【】]{1,60}[)\]）】]$/;

/**
 * Types whose values are never only words, so that a label can be told from the value. Not `bank_account`: the words
 * around an account may be its bank (`123-4-56789-0 (กสิกร)`), which its normaliser reads (bank-account.ts).
 */
const LABELLED_TYPES: ReadonlySet<IdentifierType> = new Set<IdentifierType>([
  'phone', 'promptpay', 'national_id', 'juristic_id', 'ewallet', 'url', 'social_profile', 'line_id', 'email',
]);

/**
 * The value without the label before it and the remark after it (twice: `โทร: เบอร์ 08…`). Names and shop names
 * are left as written: a shop may well be called `ร้าน…`.
 */
export function stripLabels(type: string, value: string): string {
  if (!LABELLED_TYPES.has(type as IdentifierType)) return value;
  let text = value.trim();
  for (let round = 0; round < 2; round++) {
    const stripped = text.replace(LEADING_LABEL, '').replace(TRAILING_REMARK, '').trim();
    if (stripped === text || stripped === '') break;
    text = stripped;
  }
  return text;
}

/**
 * The type the label before a value names, if it names one: a value pasted with its label into another type's box
 * (`ID Line: somchai` filed as a URL, `เบอร์ 081…` as a profile) is read as its label says when its box's rules refuse it.
 */
export function typeOfLabel(value: string): IdentifierType | undefined {
  const label = LEADING_LABEL.exec(value.trim())?.[0];
  if (!label) return undefined;
  return TYPE_OF_LABEL.get(label.replace(/[\s:：=.\-–]+$/, '').toLowerCase());
}

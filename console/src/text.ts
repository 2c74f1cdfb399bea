/** Thai first, English beside it when asked for. Labels are written once here, in both languages. */
export type Language = 'th' | 'en';

let language: Language = 'th';
// The labels the hub's reports use too: written once, in the standard's folder.
export { CATEGORIES, CHANNELS, DATA_CLASS_LABELS, STATUSES, SUB_CATEGORIES } from '../../src/standard/labels.js';

export const setLanguage = (next: Language): void => {
  language = next;
  document.documentElement.lang = next;
};
export const currentLanguage = (): Language => language;

/** A label in the current language. */
export const t = (th: string, en: string): string => (language === 'th' ? th : en);

export const SUBJECT_TYPES: Record<string, [string, string]> = {
  phone: ['เบอร์โทรศัพท์', 'Phone'],
  promptpay: ['พร้อมเพย์', 'PromptPay'],
  bank_account: ['บัญชีธนาคาร', 'Bank account'],
  national_id: ['เลขบัตรประชาชน', 'National id'],
  juristic_id: ['เลขนิติบุคคล', 'Company number'],
  url: ['ลิงก์/เว็บไซต์', 'URL'],
  social_profile: ['โปรไฟล์โซเชียล', 'Social profile'],
  line_id: ['LINE ID', 'LINE id'],
  email: ['อีเมล', 'E-mail'],
  ewallet: ['อี-วอลเล็ต', 'E-wallet'],
  shop_name: ['ชื่อร้าน', 'Shop name'],
  person_name: ['ชื่อบุคคล', 'Person name'],
};

export const EVIDENCE_KINDS: Record<string, [string, string]> = {
  payment_slip: ['สลิปโอนเงิน', 'Payment slip'],
  chat_log: ['บทสนทนา', 'Chat log'],
  photo: ['ภาพถ่าย', 'Photo'],
  seller_profile: ['หน้าร้าน/โปรไฟล์ผู้ขาย', 'Seller profile'],
  police_report: ['ใบแจ้งความ', 'Police report'],
  damage_photo: ['ภาพความเสียหาย', 'Damage photo'],
  call_recording: ['บันทึกเสียง', 'Call recording'],
  other: ['อื่น ๆ', 'Other'],
};

/** The label of a code from one of the tables above, in the current language (the code itself if unknown). */
export const label = (table: Record<string, readonly [string, string, ...unknown[]]>, code: string): string => {
  const entry = table[code];
  return entry ? t(entry[0], entry[1]) : code;
};

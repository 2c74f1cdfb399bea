import { SUB_CATEGORIES as SUB_CATEGORY_CODES } from './codes.js';

/**
 * The standard's codes as people read them, in Thai and in English: used by the hub's reports and by the console.
 * Pure data; a code without a label is shown as itself.
 */

export const CHANNELS: Record<string, [string, string]> = {
  hotline: ['สายด่วน 1212', 'Hotline 1212'],
  email: ['อีเมล', 'E-mail'],
  web: ['เว็บไซต์', 'Web form'],
  chatbot_facebook: ['แชทบอท Facebook', 'Facebook chatbot'],
  chatbot_line: ['แชทบอท LINE', 'LINE chatbot'],
  line_admin: ['LINE แอดมิน', 'LINE admin'],
  fax: ['โทรสาร', 'Fax'],
  provincial_office: ['สำนักงานจังหวัด', 'Provincial office'],
};

/** Each category's Thai and English names, and its sub-categories as the standard lists them (codes.ts). */
export const CATEGORIES: Record<string, [string, string, string[]]> = {
  shopping: ['ซื้อขายออนไลน์', 'Online shopping', [...SUB_CATEGORY_CODES.shopping]],
  illegal_website: ['เว็บไซต์ผิดกฎหมาย', 'Illegal website', [...SUB_CATEGORY_CODES.illegal_website]],
  cyber_threat: ['ภัยคุกคามไซเบอร์', 'Cyber threat', [...SUB_CATEGORY_CODES.cyber_threat]],
  digital_law: ['กฎหมายดิจิทัล', 'Digital law', [...SUB_CATEGORY_CODES.digital_law]],
  platform_service: ['บริการแพลตฟอร์ม', 'Platform service', [...SUB_CATEGORY_CODES.platform_service]],
};

export const SUB_CATEGORIES: Record<string, [string, string]> = {
  not_received: ['ไม่ได้รับสินค้า', 'Not received'],
  late_delivery: ['ส่งล่าช้า', 'Late delivery'],
  incomplete: ['ได้รับไม่ครบ', 'Incomplete'],
  wrong_item: ['ได้รับสินค้าไม่ตรงปก', 'Wrong item'],
  damaged: ['สินค้าชำรุด', 'Damaged'],
  illegal_health_product: ['ผลิตภัณฑ์สุขภาพผิดกฎหมาย', 'Illegal health product'],
  overpriced: ['ราคาสูงเกินจริง', 'Overpriced'],
  shop_registration_check: ['ตรวจสอบการจดทะเบียนร้าน', 'Shop registration check'],
  no_tis_mark: ['ไม่มีเครื่องหมาย มอก.', 'No TIS mark'],
  lese_majeste: ['หมิ่นสถาบัน', 'Lèse-majesté'],
  obscene: ['ลามกอนาจาร', 'Obscene'],
  national_security: ['ความมั่นคง', 'National security'],
  gambling: ['การพนัน', 'Gambling'],
  ponzi: ['แชร์ลูกโซ่', 'Ponzi scheme'],
  investment_scam: ['หลอกลงทุน', 'Investment scam'],
  loan_scam: ['หลอกกู้เงิน', 'Loan scam'],
  call_center_sms_scam: ['แก๊งคอลเซ็นเตอร์/SMS', 'Call centre or SMS scam'],
  harmful_link: ['ลิงก์อันตราย', 'Harmful link'],
  intrusion: ['เจาะระบบ', 'Intrusion'],
  eta: ['ธุรกรรมทางอิเล็กทรอนิกส์', 'Electronic transactions'],
  computer_crime_act: ['พ.ร.บ.คอมพิวเตอร์', 'Computer Crime Act'],
  digital_development_act: ['พ.ร.บ.พัฒนาดิจิทัล', 'Digital Development Act'],
  pdpa: ['ข้อมูลส่วนบุคคล (PDPA)', 'PDPA'],
  cybersecurity_act: ['พ.ร.บ.ไซเบอร์', 'Cybersecurity Act'],
  dps_decree: ['พ.ร.ฎ.แพลตฟอร์มดิจิทัล', 'Digital platform decree'],
  unfair_practice: ['การค้าไม่เป็นธรรม', 'Unfair practice'],
  online_trade: ['การค้าออนไลน์', 'Online trade'],
  personal_data: ['ข้อมูลส่วนบุคคล', 'Personal data'],
  investment_job_scam: ['หลอกทำงาน/ลงทุน', 'Job or investment scam'],
  labour: ['แรงงาน', 'Labour'],
  telecom: ['โทรคมนาคม', 'Telecom'],
  content: ['เนื้อหา', 'Content'],
  professional_ethics: ['จรรยาบรรณวิชาชีพ', 'Professional ethics'],
};

export const STATUSES: Record<string, [string, string]> = {
  new: ['ใหม่', 'New'],
  dispatched: ['ส่งต่อแล้ว', 'Dispatched'],
  delivered: ['หน่วยงานรับแล้ว', 'Delivered'],
  acknowledged: ['รับเรื่องแล้ว', 'Acknowledged'],
  in_progress: ['กำลังดำเนินการ', 'In progress'],
  info_requested: ['ขอข้อมูลเพิ่ม', 'Information requested'],
  resolved: ['ดำเนินการเสร็จ', 'Resolved'],
  rejected: ['ปฏิเสธ', 'Rejected'],
  transferred: ['โอนเรื่อง', 'Transferred'],
  retracted: ['ถอนเรื่องแล้ว', 'Withdrawn by 1212'],
  withdrawn: ['ถอนเรื่อง', 'Withdrawn'],
};

export const RESOLUTION_OUTCOMES: Record<string, [string, string]> = {
  money_returned: ['ได้รับเงินคืน', 'Money returned'],
  goods_delivered: ['ได้รับสินค้า', 'Goods delivered'],
  content_removed: ['ลบเนื้อหาแล้ว', 'Content removed'],
  account_suspended: ['ระงับบัญชีแล้ว', 'Account suspended'],
  offender_charged: ['ดำเนินคดีผู้กระทำผิด', 'Offender charged'],
  advice_given: ['ให้คำแนะนำ', 'Advice given'],
  other: ['อื่น ๆ', 'Other'],
  unspecified: ['ไม่ระบุ', 'Not stated'],
};

export const TAKEDOWN_OUTCOMES: Record<string, [string, string]> = {
  removed: ['ลบแล้ว', 'Removed'],
  restricted: ['จำกัดการเข้าถึง', 'Restricted'],
  restricted_in_th: ['จำกัดการเข้าถึงในไทย', 'Restricted in Thailand'],
  account_suspended: ['ระงับบัญชี', 'Account suspended'],
  already_removed: ['ถูกลบไปก่อนแล้ว', 'Already removed'],
  not_found: ['ไม่พบ', 'Not found'],
  refused: ['ปฏิเสธ', 'Refused'],
  pending: ['รอดำเนินการ', 'Pending'],
};

/** The Thai label of a code, or the code itself. */
export const thaiLabel = (table: Record<string, readonly [string, string, ...unknown[]]>, code: string): string => table[code]?.[0] ?? code;

/** The data classes of a Referral (§2.1.1). */
export const DATA_CLASS_LABELS: Record<string, [string, string]> = {
  identity: ['ตัวตนผู้ร้อง', "Complainant's identity"],
  contact: ['ช่องทางติดต่อผู้ร้อง', "Complainant's contact"],
  financial: ['บัญชีและจำนวนเงิน', 'Accounts and amounts'],
  narrative: ['รายละเอียดเหตุการณ์', 'What happened'],
  subject: ['ผู้ถูกร้องเรียน (ร้านค้า ลิงก์ เบอร์)', 'Who it is against'],
  evidence: ['ไฟล์หลักฐาน', 'Evidence files'],
};

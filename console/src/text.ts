/** Thai first, English beside it when asked for. Labels are written once here, in both languages. */
export type Language = 'th' | 'en';

let language: Language = 'th';
export const setLanguage = (next: Language): void => {
  language = next;
  document.documentElement.lang = next;
};
export const currentLanguage = (): Language => language;

/** A label in the current language. */
export const t = (th: string, en: string): string => (language === 'th' ? th : en);

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

export const CATEGORIES: Record<string, [string, string, string[]]> = {
  shopping: ['ซื้อขายออนไลน์', 'Online shopping', ['not_received', 'late_delivery', 'incomplete', 'wrong_item', 'damaged', 'illegal_health_product', 'overpriced', 'shop_registration_check', 'no_tis_mark']],
  illegal_website: ['เว็บไซต์ผิดกฎหมาย', 'Illegal website', ['lese_majeste', 'obscene', 'national_security', 'gambling']],
  cyber_threat: ['ภัยคุกคามไซเบอร์', 'Cyber threat', ['ponzi', 'investment_scam', 'loan_scam', 'call_center_sms_scam', 'harmful_link', 'intrusion']],
  digital_law: ['กฎหมายดิจิทัล', 'Digital law', ['eta', 'computer_crime_act', 'digital_development_act', 'pdpa', 'cybersecurity_act', 'dps_decree']],
  platform_service: ['บริการแพลตฟอร์ม', 'Platform service', ['unfair_practice', 'online_trade', 'personal_data', 'investment_job_scam', 'labour', 'telecom', 'content', 'professional_ethics']],
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
};

/** The label of a code from one of the tables above, in the current language (the code itself if unknown). */
export const label = (table: Record<string, readonly [string, string, ...unknown[]]>, code: string): string => {
  const entry = table[code];
  return entry ? t(entry[0], entry[1]) : code;
};

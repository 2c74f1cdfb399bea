import { canonical, cleanInput, invalid, type Normalised } from './identifier.js';

interface Bank {
  code: string;
  short: string;
  /** The counts of digits this bank's deposit accounts have. */
  accountLengths: readonly number[];
  /** Names people write, folded by `foldBankName`. */
  names: readonly string[];
}

/**
 * Thai banks by their Bank of Thailand three-digit code, with the names people
 * write for them. Account lengths: most banks use 10 digits; GSB, BAAC and GHB
 * use 12.
 */
const BANKS: readonly Bank[] = [
  { code: '002', short: 'BBL', accountLengths: [10], names: ['bbl', 'bangkok bank', 'bangkokbank', 'กรุงเทพ', 'ธนาคารกรุงเทพ', 'บัวหลวง'] },
  { code: '004', short: 'KBANK', accountLengths: [10], names: ['kbank', 'k bank', 'kasikorn', 'kasikornbank', 'kasikorn bank', 'kasikorn thai', 'กสิกร', 'กสิกรไทย', 'ธนาคารกสิกรไทย'] },
  { code: '006', short: 'KTB', accountLengths: [10], names: ['ktb', 'krungthai', 'krung thai', 'krungthai bank', 'กรุงไทย', 'ธนาคารกรุงไทย'] },
  { code: '011', short: 'TTB', accountLengths: [10], names: ['ttb', 'tmb', 'tmbthanachart', 'tmb thanachart', 'thanachart', 'ทีทีบี', 'ทหารไทย', 'ทหารไทยธนชาต', 'ธนชาต'] },
  { code: '014', short: 'SCB', accountLengths: [10], names: ['scb', 'siam commercial', 'siam commercial bank', 'ไทยพาณิชย์', 'ธนาคารไทยพาณิชย์'] },
  { code: '022', short: 'CIMBT', accountLengths: [10], names: ['cimb', 'cimb thai', 'cimbt', 'ซีไอเอ็มบี', 'ซีไอเอ็มบีไทย'] },
  { code: '024', short: 'UOBT', accountLengths: [10], names: ['uob', 'uobt', 'uob thai', 'ยูโอบี'] },
  { code: '025', short: 'BAY', accountLengths: [10], names: ['bay', 'krungsri', 'krungsri ayudhya', 'bank of ayudhya', 'กรุงศรี', 'กรุงศรีอยุธยา', 'ธนาคารกรุงศรีอยุธยา'] },
  { code: '030', short: 'GSB', accountLengths: [12], names: ['gsb', 'government savings bank', 'ออมสิน', 'ธนาคารออมสิน'] },
  { code: '033', short: 'GHB', accountLengths: [12], names: ['ghb', 'government housing bank', 'อาคารสงเคราะห์', 'ธอส', 'ธนาคารอาคารสงเคราะห์'] },
  { code: '034', short: 'BAAC', accountLengths: [12], names: ['baac', 'ธกส', 'เพื่อการเกษตรและสหกรณ์การเกษตร', 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร'] },
  { code: '066', short: 'IBANK', accountLengths: [10], names: ['ibank', 'islamic bank', 'อิสลาม', 'อิสลามแห่งประเทศไทย'] },
  { code: '067', short: 'TISCO', accountLengths: [10], names: ['tisco', 'ทิสโก้'] },
  { code: '069', short: 'KKP', accountLengths: [10], names: ['kkp', 'kiatnakin', 'kiatnakin phatra', 'เกียรตินาคิน', 'เกียรตินาคินภัทร'] },
  { code: '070', short: 'ICBCT', accountLengths: [10], names: ['icbc', 'icbc thai', 'ไอซีบีซี'] },
  { code: '071', short: 'TCRB', accountLengths: [10], names: ['tcrb', 'thai credit', 'ไทยเครดิต'] },
  { code: '073', short: 'LHB', accountLengths: [10], names: ['lhb', 'lh bank', 'land and houses', 'แลนด์แอนด์เฮ้าส์', 'แลนด์ แอนด์ เฮ้าส์'] },
  { code: '098', short: 'SMEB', accountLengths: [10], names: ['sme bank', 'smeb', 'sme d bank', 'ธพว', 'เอสเอ็มอีแบงก์'] },
];

/**
 * Lower case, no dots or spaces, no "bank" or company suffix: "ธ.ก.ส." → "ธกส",
 * "Bangkok Bank" → "bangkok". With `dropPrefix`, also without a leading
 * "ธนาคาร"/"ธ." ("ธ.กสิกร" → "กสิกร"), tried only after the name as written,
 * since "ธ" is part of some abbreviations (ธ.ก.ส., ธอส.).
 */
function foldBankName(name: string, dropPrefix: boolean): string {
  let text = cleanInput(name).toLowerCase();
  if (dropPrefix) text = text.replace(/^(ธนาคาร|ธ\.)/, '');
  return text
    .replace(/[.\s()\-_]/g, '')
    .replace(/(publiccompanylimited|pcl|จำกัด\(?มหาชน\)?)$/, '')
    .replace(/bank$/, '')
    .replace(/^bankof/, '');
}

const BY_NAME = new Map<string, Bank>();
for (const bank of BANKS) {
  BY_NAME.set(bank.code, bank);
  for (const name of [bank.short, ...bank.names]) {
    BY_NAME.set(foldBankName(name, false), bank);
    BY_NAME.set(foldBankName(name, true), bank);
  }
}

/** The bank meant by a code (`004`, `4`) or a name in Thai or English, or undefined. */
export function resolveBank(given: string): { code: string; short: string; accountLengths: readonly number[] } | undefined {
  const text = cleanInput(given);
  if (/^[0-9]{1,3}$/.test(text)) return BY_NAME.get(text.padStart(3, '0'));
  return BY_NAME.get(foldBankName(text, false)) ?? BY_NAME.get(foldBankName(text, true));
}

/** An account: its digits at one bank. The same digits at another bank are another account. */
export function normaliseBankAccount(value: string, bank: string | undefined): Normalised {
  if (bank === undefined || cleanInput(bank) === '') return invalid('bank_missing', 'A bank account needs its bank: the same digits at another bank are another account.');
  const resolved = resolveBank(bank);
  if (!resolved) return invalid('unknown_bank', `"${bank}" is not a Thai bank this hub knows (give the three-digit code, e.g. 004 for Kasikorn).`);
  const text = cleanInput(value).replace(/^(บช|บัญชี|เลขที่บัญชี|a\/c|acc(ount)?)[.:]?\s*/i, '');
  if (text === '') return invalid('empty', 'The account number is empty.');
  if (/[^0-9\s.\-–]/.test(text)) return invalid('wrong_account_length', 'An account number has only digits, spaces and dashes.');
  const digits = text.replace(/[^0-9]/g, '');
  if (!resolved.accountLengths.includes(digits.length)) {
    return invalid('wrong_account_length', `${resolved.short} accounts have ${resolved.accountLengths.join(' or ')} digits, not ${digits.length}.`);
  }
  return canonical('bank_account', `${resolved.code}:${digits}`, `${resolved.short} ${'x'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

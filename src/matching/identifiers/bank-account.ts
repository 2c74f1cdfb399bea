import { hasThai } from '../../common/thai-text.js';
import { canonical, cleanInput, invalid, isMaskedNumber, type Normalised } from './identifier.js';
import { namesPromptPay, namesWallet, normaliseEwallet, normalisePromptPay } from './promptpay.js';

interface Bank {
  code: string;
  short: string;
  /** SWIFT/BIC (8 characters; an 11-character one adds a branch, which does not change the bank). */
  bic: string;
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
  { code: '002', short: 'BBL', bic: 'BKKBTHBK', accountLengths: [10], names: ['bbl', 'bangkok bank', 'bangkokbank', 'กรุงเทพ', 'ธนาคารกรุงเทพ', 'บัวหลวง', 'bualuang', 'บีบีแอล'] },
  { code: '004', short: 'KBANK', bic: 'KASITHBK', accountLengths: [10], names: ['kbank', 'k bank', 'kasikorn', 'kasikornbank', 'kasikorn bank', 'kasikorn thai', 'กสิกร', 'กสิกรไทย', 'ธนาคารกสิกรไทย', 'thai farmers bank', 'เคแบงก์', 'เคแบงค์', 'เคแบ้งค์'] },
  { code: '006', short: 'KTB', bic: 'KRTHTHBK', accountLengths: [10], names: ['ktb', 'krungthai', 'krung thai', 'krungthai bank', 'กรุงไทย', 'ธนาคารกรุงไทย', 'krung thai bank', 'เคทีบี'] },
  { code: '011', short: 'TTB', bic: 'TMBKTHBK', accountLengths: [10], names: ['ttb', 'tmb', 'tmbthanachart', 'tmb thanachart', 'thanachart', 'ทีทีบี', 'ทีเอ็มบี', 'ทีเอ็มบีธนชาต', 'ทหารไทย', 'ทหารไทยธนชาต', 'ธนชาต', 'thai military bank', 'tmb bank', 'siam city bank', 'siam city', 'นครหลวงไทย', 'thai danu', 'thai danu bank', 'dbs thai danu', 'ไทยทนุ', 'ifct', 'industrial finance corporation of thailand'] },
  { code: '014', short: 'SCB', bic: 'SICOTHBK', accountLengths: [10], names: ['scb', 'siam commercial', 'siam commercial bank', 'ไทยพาณิชย์', 'ธนาคารไทยพาณิชย์', 'ไทยพานิชย์', 'ไทยพาณิช', 'ไทยพานิช', 'เอสซีบี'] },
  { code: '022', short: 'CIMBT', bic: 'UBOBTHBK', accountLengths: [10], names: ['cimb', 'cimb thai', 'cimbt', 'ซีไอเอ็มบี', 'ซีไอเอ็มบีไทย', 'bankthai', 'ไทยธนาคาร', 'union bank of bangkok', 'สหธนาคาร'] },
  { code: '024', short: 'UOBT', bic: 'UOVBTHBK', accountLengths: [10], names: ['uob', 'uobt', 'uob thai', 'ยูโอบี', 'uob radanasin', 'bank of asia', 'ยูโอบีรัตนสิน', 'ธนาคารเอเชีย', 'united overseas bank', 'united overseas bank (thai)', 'uob (thai)', 'radanasin', 'radanasin bank', 'รัตนสิน'] },
  { code: '025', short: 'BAY', bic: 'AYUDTHBK', accountLengths: [10], names: ['bay', 'krungsri', 'krungsri ayudhya', 'bank of ayudhya', 'กรุงศรี', 'กรุงศรีอยุธยา', 'ธนาคารกรุงศรีอยุธยา', 'krungsri bank', 'ayudhya'] },
  { code: '030', short: 'GSB', bic: 'GSBATHBK', accountLengths: [12], names: ['gsb', 'government savings bank', 'ออมสิน', 'ธนาคารออมสิน', 'government saving bank'] },
  { code: '033', short: 'GHB', bic: 'GOHUTHB1', accountLengths: [12], names: ['ghb', 'government housing bank', 'อาคารสงเคราะห์', 'ธอส', 'ธนาคารอาคารสงเคราะห์', 'ธ.อ.ส.', 'gh bank'] },
  { code: '034', short: 'BAAC', bic: 'BAABTHBK', accountLengths: [12], names: ['baac', 'ธกส', 'เพื่อการเกษตรและสหกรณ์การเกษตร', 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร', 'bank for agriculture and agricultural cooperatives', 'ธ.ก.ส.'] },
  { code: '066', short: 'IBANK', bic: 'TIBTTHBK', accountLengths: [10], names: ['ibank', 'islamic bank', 'islamic bank of thailand', 'อิสลาม', 'อิสลามแห่งประเทศไทย', 'ไอแบงก์'] },
  { code: '067', short: 'TISCO', bic: 'TFPCTHB1', accountLengths: [10], names: ['tisco', 'ทิสโก้'] },
  { code: '069', short: 'KKP', bic: 'KKPBTHBK', accountLengths: [10], names: ['kkp', 'kiatnakin', 'kiatnakin phatra', 'เกียรตินาคิน', 'เกียรตินาคินภัทร', 'kiatnakin bank', 'kiatnakinphatra', 'เคเคพี'] },
  { code: '070', short: 'ICBCT', bic: 'ICBKTHBK', accountLengths: [10], names: ['icbc', 'icbc thai', 'ไอซีบีซี', 'acl bank', 'เอซีแอล', 'industrial and commercial bank of china', 'industrial and commercial bank of china (thai)'] },
  { code: '071', short: 'TCRB', bic: 'THCETHB1', accountLengths: [10], names: ['tcrb', 'thai credit', 'ไทยเครดิต', 'thai credit retail bank', 'thai credit bank'] },
  { code: '073', short: 'LHB', bic: 'LAHRTHB1', accountLengths: [10], names: ['lhb', 'lh bank', 'land and houses', 'แลนด์แอนด์เฮ้าส์', 'แลนด์ แอนด์ เฮ้าส์', 'land and houses retail bank', 'land and houses bank', 'แอลเอช แบงก์', 'แอลเอชแบงก์'] },
  { code: '098', short: 'SMEB', bic: 'SMEBTHB1', accountLengths: [10], names: ['sme bank', 'smeb', 'sme d bank', 'ธพว', 'เอสเอ็มอีแบงก์', 'small and medium enterprise development bank', 'sme development bank', 'พัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย'] },
];

/**
 * Lower case, no dots or spaces, no "bank" or company suffix: "ธ.ก.ส." → "ธกส",
 * "Bangkok Bank" → "bangkok". With `dropPrefix`, also without a leading
 * "ธนาคาร"/"ธ." ("ธ.กสิกร" → "กสิกร"), tried only after the name as written,
 * since "ธ" is part of some abbreviations (ธ.ก.ส., ธอส.). The name has been through cleanInput.
 */
function foldBankName(name: string, dropPrefix: boolean): string {
  // `ฯ` abbreviates (`กรุงศรีฯ` is กรุงศรีอยุธยา).
  let text = name.toLowerCase().replace(/ฯ/g, '');
  // `บมจ.` (public company) before the name; `ธ ` is `ธ.` with a space for the dot.
  if (dropPrefix) text = text.replace(/^(บมจ\.?\s*)?(ธนาคาร|ธ\.|ธ\s+)/, '');
  return text
    .replace(/[.\s()\-_,]/g, '')
    .replace(/(publiccompanylimited|companylimited|pcl|plc|limited|ltd|จำกัดมหาชน|จกมหาชน|มหาชน|จำกัด|จก)$/, '')
    .replace(/^the/, '')
    // `UOB Thailand`, `CIMB Thai Bank (Thailand)`: the country the hub's banks are all in.
    .replace(/(thailand|ประเทศไทย)$/, '')
    .replace(/bank$/, '')
    .replace(/^bankof/, '');
}

const BY_NAME = new Map<string, Bank>();
for (const bank of BANKS) {
  BY_NAME.set(bank.code, bank);
  for (const name of [bank.short, ...bank.names].map(cleanInput)) {
    for (const folded of [foldBankName(name, false), foldBankName(name, true)]) {
      // A name that folds to nothing would be every unnamed bank's ("Bank of Thailand" folds to nothing, rightly).
      if (folded === '') throw new Error(`bank-account: the name "${name}" of ${bank.short} folds to nothing`);
      BY_NAME.set(folded, bank);
    }
  }
}

const BY_BIC = new Map(BANKS.map((bank) => [bank.bic, bank]));

/**
 * The bank meant by a code (`004`, `4`), a SWIFT/BIC (`KASITHBK`, `KASITHBKXXX`), a name in Thai or English, current
 * or former, short or legal (`The Siam Commercial Bank PCL`, `ธนาคารไทยพาณิชย์ จำกัด (มหาชน)`), or a name and a code
 * together (`KBANK (004)`, `004 กสิกรไทย`) that agree; undefined otherwise (a name and a code of two banks too).
 */
type ResolvedBank = Pick<Bank, 'code' | 'short' | 'accountLengths'>;

export function resolveBank(given: string): ResolvedBank | undefined {
  return resolveCleanBank(cleanInput(given));
}

/** resolveBank for text already through cleanInput (the words around an account are). */
function resolveCleanBank(cleaned: string): ResolvedBank | undefined {
  // `ธนาคารกสิกรไทย สาขาสยาม`: the branch does not change the bank.
  const text = cleaned.replace(/\s*(สาขา|branch)(\s|[:：.]).*$/i, '').replace(/\s*สาขา\S+$/, '')
    // A label pasted with the name (`ธนาคาร: กสิกรไทย`, `Bank name: KBANK`).
    .replace(/^(ชื่อธนาคาร|ธนาคาร|bank(\s*name)?)\s*[:：]\s*/i, '')
    // `รหัสธนาคาร 004`, `Bank code: 004`, `SWIFT: KASITHBK`, `BIC code KASITHBK`.
    .replace(/^(รหัสธนาคาร|bank\s*code|code|รหัส\s*swift|swift\s*\/\s*bic|swift|bic)(\s*code)?\s*[:：]?\s*/i, '')
    // The company's form anywhere in the name, so that what is left may be read as two names of one bank
    // (`ธนาคารไทยพาณิชย์ จำกัด (มหาชน) SCB`, `ธนาคารไอซีบีซี (ไทย) จำกัด (มหาชน)`).
    .replace(COMPANY_FORM, ' ').replace(/\s+/g, ' ').trim();
  if (/^[0-9]{1,3}$/.test(text)) return BY_NAME.get(text.padStart(3, '0'));
  const byNameOrBic = bankByNameOrBic(text);
  if (byNameOrBic) return byNameOrBic;
  const code = /(?:^|[\s([/,-])([0-9]{3})(?:$|[\s)\]/,-])/.exec(text)?.[1];
  if (!code) return namedTwice(text);
  const byCode = BY_NAME.get(code);
  const rest = text.replace(code, ' ').replace(/[()[\]/,-]/g, ' ').trim();
  if (rest === '') return byCode;
  // `ธนาคารกสิกรไทย (KBANK) 004`: the rest may name the bank twice itself.
  const named = bankByNameOrBic(rest) ?? namedTwice(rest);
  return named && named === byCode ? byCode : undefined;
}

const COMPANY_FORM = /[(（]\s*(มหาชน|ไทย|thai|thailand|ประเทศไทย)\s*[)）]|จำกัด|\b(public\s+company\s+limited|company\s+limited|pcl|plc)\b\.?/gi;

/**
 * A bank by its SWIFT/BIC (`KASITHBK`, `KASITHBKXXX`, spaced as printed: `KASI TH BK`, `KASITHBK XXX`) or by one of
 * its names. `BankThai` has a BIC's shape: a name when it is no bank's BIC.
 */
function bankByNameOrBic(text: string): Bank | undefined {
  const bic = /^([a-z]{4}\s?th\s?[a-z0-9]{2})(\s?[a-z0-9]{3})?$/i.exec(text);
  const byBic = bic ? BY_BIC.get(bic[1]!.replace(/\s/g, '').toUpperCase()) : undefined;
  return byBic ?? BY_NAME.get(foldBankName(text, false)) ?? BY_NAME.get(foldBankName(text, true));
}

/**
 * A bank named twice over, by its name and its short name (`กสิกรไทย (KBANK)`, `ไทยพาณิชย์ SCB`, `Krungthai Bank (KTB)`):
 * the parts in brackets, or in Thai and in Latin script, each name a bank, and the same one.
 */
function namedTwice(text: string): Bank | undefined {
  const named = bankByNameOrBic;
  const agreeing = (parts: readonly string[]): Bank | undefined => {
    const banks = new Set(parts.map(named));
    const [bank] = banks;
    return banks.size === 1 ? bank : undefined;
  };
  const parts = text.split(/[()[\]/,]|(?<=[\u0E00-\u0E7F]\.?)\s*(?=[A-Za-z])|(?<=[A-Za-z]\.?)\s*(?=[\u0E00-\u0E7F])/).map((part) => part.trim()).filter((part) => part !== '');
  // A bank's names are a few words: a longer text names no bank twice (and every split would be a lookup).
  if (parts.length > 6) return undefined;
  if (parts.length >= 2) return agreeing(parts);
  // One script, no brackets (`Kasikorn Bank KBANK`): some split into two names of one bank.
  const words = text.split(/\s+/);
  if (words.length > 12) return undefined;
  for (let at = 1; at < words.length; at++) {
    const bank = agreeing([words.slice(0, at).join(' '), words.slice(at).join(' ')]);
    if (bank) return bank;
  }
  return undefined;
}

/**
 * An account: its digits at one bank. The same digits at another bank are another account.
 *
 * The value may carry words around the number, as people paste a whole line into one box: a label (`เลขบัญชี`,
 * `A/C No.`), the bank (`KBANK 123-4-56789-0`, `123-4-56789-0 (กสิกร)`, `บัญชีธนาคารกรุงเทพ …`), the holder's name
 * (`… ชื่อบัญชี นายเอ`), a branch. The number is the one run of six digits or more; the words name the bank when
 * the bank field is empty. A bank named in the value that is not the bank field's is refused: one of them is wrong.
 */
export function normaliseBankAccount(value: string, bank: string | undefined): Normalised {
  const text = cleanInput(value);
  if (text === '') return invalid('empty', 'The account number is empty.');
  if (isMaskedNumber(text)) return invalid('wrong_account_length', 'The account number has hidden digits (as a transfer slip shows it): ask for the whole number.');
  const found = accountNumberIn(text);
  if (found === 'several') return invalid('wrong_account_length', 'The value holds more than one account number: give one per identifier.');
  const { number, words } = found;
  const named = [...new Set(words.map(bankNamedBy).filter((named) => named !== undefined))];

  // The bank field, cleaned once for every rule below to read.
  const cleanedBank = bank === undefined ? '' : cleanInput(bank);
  const given = cleanedBank === '' ? undefined : cleanedBank;
  // An e-wallet filed as the bank (`TrueMoney Wallet`, or `ทรูมันนี่ 081…` with no bank): the wallet's id, which for
  // most wallets is the phone number it is registered to, and so links to that phone.
  const wallet = given !== undefined ? namesWallet(given) : named.length === 0 && words.some((part) => namesWallet(bankWords(part)));
  if (wallet) return number === undefined ? invalid('not_an_ewallet_id', 'An e-wallet id has 15 digits, or is the phone number the wallet is registered to.') : normaliseEwallet(number);
  // PromptPay filed as the bank (`พร้อมเพย์`, `PromptPay`): the id is a phone, a national id or an e-wallet's.
  if (given !== undefined && namesPromptPay(given)) return normalisePromptPay(number ?? text);
  const fromField = given === undefined ? undefined : resolveCleanBank(given);
  if (given !== undefined && !fromField) return invalid('unknown_bank', `"${bank}" is not a Thai bank this hub knows (give the three-digit code, e.g. 004 for Kasikorn).`);
  if (named.length > 1) return invalid('unknown_bank', `The value names two banks (${named.map((one) => one.short).join(' and ')}).`);
  if (fromField && named[0] && named[0].code !== fromField.code) {
    return invalid('unknown_bank', `The bank is given as ${fromField.short}, but the value names ${named[0].short}.`);
  }
  // `004-1234567890`: the bank's code written before the account, as interbank forms put it.
  const coded = number === undefined ? undefined : codeThenAccount(number, fromField ?? named[0]);
  const resolved = coded?.bank ?? fromField ?? named[0] ?? looselyNamedBank(words);
  if (!resolved) return invalid('bank_missing', 'A bank account needs its bank: the same digits at another bank are another account.');
  if (number === undefined) return invalid('wrong_account_length', 'An account number has only digits, spaces and dashes.');
  const digits = coded?.digits ?? number.replace(/[^0-9]/g, '');
  if (!resolved.accountLengths.includes(digits.length)) {
    return invalid('wrong_account_length', `${resolved.short} accounts have ${resolved.accountLengths.join(' or ')} digits, not ${digits.length}.`);
  }
  return canonical('bank_account', `${resolved.code}:${digits}`, `${resolved.short} ${'x'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/**
 * A bank's three-digit code, a separator, then an account of that bank's length (`004-1234567890`, `004 123-4-56789-0`):
 * the code names the bank, and must be the bank named elsewhere if one is. Undefined for anything else (`002-1-23456-7`
 * is an account that begins 002).
 */
function codeThenAccount(number: string, named: ResolvedBank | undefined): { bank: ResolvedBank; digits: string } | undefined {
  const parts = /^([0-9]{3})[\s.\-–]+([0-9][0-9\s.\-–]*)$/.exec(number);
  const bank = parts ? BY_NAME.get(parts[1]!) : undefined;
  if (!bank || named && named.code !== bank.code) return undefined;
  const digits = parts![2]!.replace(/[^0-9]/g, '');
  return bank.accountLengths.includes(digits.length) ? { bank, digits } : undefined;
}

/** Digits, with the spaces, dots and dashes people group them with. */
const ACCOUNT_RUN = /[0-9](?:[0-9\s.\-–]*[0-9])?/g;
const ACCOUNT_ALONE = /^[0-9](?:[0-9\s.\-–]*[0-9])?$/;

/** The account in a value (the one run of six digits or more), and the words around it; `several` when there are two. */
function accountNumberIn(text: string): { number?: string; words: string[] } | 'several' {
  const digitCount = (run: string): number => run.replace(/[^0-9]/g, '').length;
  // Most values are the number alone: nothing around it to read.
  if (ACCOUNT_ALONE.test(text) && digitCount(text) >= 6) return { number: text, words: [] };
  const runs = [...text.matchAll(ACCOUNT_RUN)].filter((run) => digitCount(run[0]) >= 6);
  if (runs.length > 1) return 'several';
  const [run] = runs;
  if (!run) return { words: [] };
  const words = [text.slice(0, run.index), text.slice(run.index + run[0].length)].filter((part) => part.trim() !== '');
  return { number: run[0], words };
}
/** What follows the holder's name or the branch is neither the number nor the bank. */
const HOLDER_OR_BRANCH = /(ชื่อบัญชี|บัญชีชื่อ|ชื่อ|account\s*name|name|สาขา|branch)(\s|[:：.]|$).*$/i;
/** Words that say "account" or "number", before or after the number. */
const ACCOUNT_WORDS = /^(เลขที่บัญชี|เลขบัญชี|หมายเลขบัญชี|บัญชีเลขที่|บัญชีธนาคาร|บัญชี|บช\.?|เลขที่|หมายเลข|เลข|a\/c(\s*no\.?)?|acc(ount)?(\s*(no\.?|number))?|no\.?|number|#)\s*[:：]?\s*/i;
const EDGES = /^[\s(（[【:：,;/\-–]+|[\s)）\]】:：,;/\-–]+$/g;

/** The words around the number without the holder's name, the branch and the words for "account". */
function bankWords(words: string): string {
  let text = words.replace(HOLDER_OR_BRANCH, '').replace(EDGES, '');
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(ACCOUNT_WORDS, '').replace(EDGES, '');
  }
  return text;
}

/** The bank that words around the number name as a whole (`KBANK`, `ธ.กสิกรไทย`, `(กสิกร)`), if they name one. */
function bankNamedBy(words: string): ReturnType<typeof resolveBank> {
  const text = bankWords(words);
  return text === '' ? undefined : resolveCleanBank(text);
}

/**
 * When the bank field is empty and no words name a bank as a whole: a bank named by some of them
 * (`โอนเข้า กสิกร`, `ธนาคาร กรุงไทย สาขา…`), if exactly one is.
 */
function looselyNamedBank(words: readonly string[]): ReturnType<typeof resolveBank> {
  const found = new Set<NonNullable<ReturnType<typeof resolveBank>>>();
  for (const part of words) {
    const all = bankWords(part).split(/\s+/).filter((token) => token !== '');
    // A bank is named near the number: a long text is read at its ends only (every window is a bank lookup).
    const tokens = all.length > 40 ? [...all.slice(0, 20), ...all.slice(-20)] : all;
    for (let start = 0; start < tokens.length; start++) {
      for (let end = start + 1; end <= Math.min(tokens.length, start + 6); end++) {
        const window = tokens.slice(start, end).join(' ');
        // A number alone near the account is not taken for a bank's code here (`… 12 ชั้น 3`).
        const bank = /^[0-9\s]+$/.test(window) ? undefined : resolveCleanBank(window);
        if (bank) found.add(bank);
      }
    }
  }
  if (found.size === 0) for (const bank of bankNamedInsideThai(words)) found.add(bank);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Thai runs words together (`ให้โอนเข้าบัญชีกสิกร`): the banks whose Thai names appear inside the words. Not the names
 * that are also ordinary words there: `กรุงเทพ` is the city in every address, `อิสลาม` the religion.
 */
function bankNamedInsideThai(words: readonly string[]): Bank[] {
  const text = words.map(bankWords).join(' ');
  if (!hasThai(text)) return [];
  return BANKS.filter((bank) => THAI_NAMES.get(bank)!.some((name) => text.includes(name)));
}

const ORDINARY_WORDS = new Set(['กรุงเทพ', 'อิสลาม']);
const THAI_NAMES = new Map(BANKS.map((bank) => [bank, bank.names.filter((name) => hasThai(name) && name.length >= 4 && !ORDINARY_WORDS.has(name))]));

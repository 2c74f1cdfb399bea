import { canonical, cleanInput, invalid, maskTail, type Normalised } from './identifier.js';
import { normalisePhone } from './phone.js';
import { normaliseThaiIdIdentifier } from './thai-id.js';

/**
 * A PromptPay id is a phone number, a 13-digit national or juristic id, or a
 * 15-digit e-wallet id. A phone or id keeps its own kind, so a PromptPay phone
 * links to the same number reported as a phone.
 */
export function normalisePromptPay(value: string): Normalised {
  const written = cleanInput(value).replace(/^(promptpay|พร้อมเพย์)[.:]?\s*/i, '');
  if (written === '') return invalid('empty', 'The PromptPay id is empty.');
  const text = idIn(written);
  const digits = text.replace(/[^0-9]/g, '');
  if (text.startsWith('+')) return normalisePhone(text);
  if (digits.length === 15) return normaliseEwallet(text);
  if (digits.length === 13 && !digits.startsWith('0066')) return normaliseThaiIdIdentifier(text);
  if (digits.length >= 9 && digits.length <= 13 && !/[^0-9\s().\-–]/.test(text)) return normalisePhone(text);
  return invalid('wrong_digit_count', `A PromptPay id is a phone number (10 digits), a national or juristic id (13) or an e-wallet id (15), not ${digits.length} digits.`);
}

/** An id as written: digits and what people group them with, a + before. */
const ID_RUN = /\+?[0-9](?:[0-9\s.\-–]*[0-9])?/g;

/**
 * The id in a value with words around it (`081-234-5678 ชื่อ นายสมชาย`, `PromptPay 081… Somchai J.`): the one run of nine
 * digits or more, when the words hold no other digit; else the value as written, for the rules below to refuse.
 */
function idIn(text: string): string {
  const runs = [...text.matchAll(ID_RUN)].map((run) => run[0]);
  if (runs.length !== 1 || runs[0]!.replace(/[^0-9]/g, '').length < 9) return text;
  return runs[0]!.trim();
}

/**
 * A PromptPay e-wallet id: 15 digits, the first three naming the e-wallet provider. A wallet known by its phone
 * number (TrueMoney's are) is that phone: `TrueMoney 081-234-5678` links to the number reported as a phone.
 */
export function normaliseEwallet(value: string): Normalised {
  const text = cleanInput(value).replace(WALLET_WORDS, '');
  const digits = text.replace(/[\s.\-–]/g, '');
  if (digits === '') return invalid('empty', 'The e-wallet id is empty.');
  if (!/^[0-9]{15}$/.test(digits)) {
    const phone = normalisePhone(text);
    return phone.ok ? phone : invalid('not_an_ewallet_id', 'An e-wallet id has 15 digits, or is the phone number the wallet is registered to.');
  }
  return canonical('ewallet', digits, `${digits.slice(0, 3)} ${maskTail(digits.slice(3), 4)}`);
}

/** E-wallets' names as people write them (`TrueMoney Wallet`, `ทรูมันนี่`, `ShopeePay`), or the word for one. */
const WALLET_NAME = String.raw`(true\s*money(\s*wallet)?|true\s*wallet|ทรู\s*มันนี่(\s*วอลเล็[ทต])?|ทรูวอลเล็[ทต]|shopee\s*pay|rabbit\s*line\s*pay|line\s*pay|e-?wallet|อี\s*วอลเล็[ทต]|วอลเล็[ทต]|wallet)`;
/** The wallet's name before its id, which is not part of the id. */
const WALLET_WORDS = new RegExp(String.raw`^${WALLET_NAME}\s*(id|no\.?|เบอร์|เลข)?\s*[:：.]?\s*`, 'i');
const WALLET_ALONE = new RegExp(String.raw`^[\s(（\[]*(บัญชี\s*|แอป\s*)?${WALLET_NAME}[\s)）\]]*$`, 'i');

/**
 * Words that name an e-wallet and nothing else (`TrueMoney Wallet`, `(ทรูมันนี่)`): filed as an account's bank, they
 * make the account that wallet's id, or the phone it is registered to. The words have been through cleanInput.
 */
export function namesWallet(words: string): boolean {
  return WALLET_ALONE.test(words);
}

/** Words that name PromptPay and nothing else (`พร้อมเพย์`, `PromptPay ID`): filed as an account's bank, the id is PromptPay's. */
export function namesPromptPay(words: string): boolean {
  return /^(พร้อมเพย์|พร้อมเพ|promptpay|prompt\s*pay)(\s*id)?$/i.test(words);
}

import { describe, expect, it } from '@jest/globals';
import { normaliseIdentifier, type InvalidReason, type ReportedIdentifier } from '../../../../src/matching/identifiers/index.js';
import { resolveBank } from '../../../../src/matching/identifiers/bank-account.js';

/** [type, value as typed, kind, canonical value] — and for accounts the bank in `bank`. */
type Accepted = [string, string, string, string];
type Refused = [string, string, InvalidReason];

function expectCanonical(subject: ReportedIdentifier, kind: string, value: string): void {
  const result = normaliseIdentifier(subject);
  if (!result.ok) throw new Error(`${subject.type} ${JSON.stringify(subject.value)} refused: ${result.reason} (${result.message})`);
  expect([result.identifier.kind, result.identifier.value]).toEqual([kind, value]);
}

function expectRefused(subject: ReportedIdentifier, reason: InvalidReason): void {
  const result = normaliseIdentifier(subject);
  expect(result.ok ? `accepted as ${result.identifier.kind}:${result.identifier.value}` : result.reason).toBe(reason);
  if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
}

describe('phone numbers: every spelling of one Thai number is one E.164 number', () => {
  it.each<Accepted>([
    ['phone', '0812345678', 'phone', '+66812345678'],
    ['phone', '081-234-5678', 'phone', '+66812345678'],
    ['phone', '081 234 5678', 'phone', '+66812345678'],
    ['phone', '081.234.5678', 'phone', '+66812345678'],
    ['phone', '(081) 234-5678', 'phone', '+66812345678'],
    ['phone', '+66 81 234 5678', 'phone', '+66812345678'],
    ['phone', '+66-81-234-5678', 'phone', '+66812345678'],
    ['phone', '+66812345678', 'phone', '+66812345678'],
    ['phone', '+66 (0) 81 234 5678', 'phone', '+66812345678'],
    ['phone', '66812345678', 'phone', '+66812345678'],
    ['phone', '0066812345678', 'phone', '+66812345678'],
    ['phone', '0066 81 234 5678', 'phone', '+66812345678'],
    ['phone', '๐๘๑๒๓๔๕๖๗๘', 'phone', '+66812345678'],
    ['phone', '๐๘๑-๒๓๔-๕๖๗๘', 'phone', '+66812345678'],
    ['phone', ' 081\u200B234\u200B5678 ', 'phone', '+66812345678'],
    ['phone', '０８１２３４５６７８', 'phone', '+66812345678'],
    ['phone', 'โทร 081-234-5678', 'phone', '+66812345678'],
    ['phone', 'Tel: 0812345678', 'phone', '+66812345678'],
    ['phone', '(066) 791-5446', 'phone', '+66667915446'],
    ['phone', '068.430.7878', 'phone', '+66684307878'],
    ['phone', '0690779603', 'phone', '+66690779603'],
    ['phone', '+66 69 379 0079', 'phone', '+66693790079'],
    ['phone', '099 999 9999', 'phone', '+66999999999'],
    ['phone', '02-123-4567', 'phone', '+6621234567'],
    ['phone', '021234567', 'phone', '+6621234567'],
    ['phone', '+66 2 123 4567', 'phone', '+6621234567'],
    ['phone', '053 123 456', 'phone', '+6653123456'],
    ['phone', '0066 2 123 4567', 'phone', '+6621234567'],
    ['phone', '+1 415 555 2671', 'phone', '+14155552671'],
    ['phone', '0085291234567', 'phone', '+85291234567'],
    // Nine digits only, starting 6, 8 or 9: a mobile whose leading 0 a spreadsheet dropped.
    ['phone', '812345678', 'phone', '+66812345678'],
    // An extension reaches a desk of the line: the line is the number.
    ['phone', '081-234-5678 ext 2', 'phone', '+66812345678'],
    ['phone', '02-888-8888 ต่อ 1234', 'phone', '+6628888888'],
    // A neighbour's number whose + was dropped, as a call log is copied.
    ['phone', '855 12 345 678', 'phone', '+85512345678'],
    ['phone', '959799123456', 'phone', '+959799123456'],
    ['phone', '856 20 5555 1234', 'phone', '+8562055551234'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['phone', '081-234-567', 'wrong_digit_count'],
    ['phone', '08123456789', 'wrong_digit_count'],
    ['phone', '0812345', 'wrong_digit_count'],
    ['phone', '+66 81 234 567', 'wrong_digit_count'],
    ['phone', '1212', 'service_number'],
    ['phone', '1599', 'service_number'],
    ['phone', '', 'empty'],
    ['phone', '   ', 'empty'],
    ['phone', 'call me', 'not_a_phone_number'],
    ['phone', '081-234-5678 / 089-999-9999', 'wrong_digit_count'],
    ['phone', '81-234-5678', 'not_a_phone_number'],
    ['phone', '212345678', 'not_a_phone_number'],
    ['phone', '+1 000 000 0000', 'not_a_phone_number'],
    ['phone', '0112345678', 'not_a_phone_number'],
    // Without a +, only a neighbour's code counts, and only for a number valid with it: other digits are too easily an account.
    ['phone', '4021234567890', 'not_a_phone_number'],
    ['phone', '85500000000', 'not_a_phone_number'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));

  it('masks a mobile as the issue shows, and a landline alike', () => {
    const mobile = normaliseIdentifier({ type: 'phone', value: '081-234-5678' });
    const landline = normaliseIdentifier({ type: 'phone', value: '02 123 4567' });
    expect(mobile.ok && mobile.identifier.masked).toBe('+66 81 xxx x678');
    expect(landline.ok && landline.identifier.masked).toBe('+66 2 xxx x567');
  });
});

describe('PromptPay: a phone is that phone, 13 digits an id, 15 digits an e-wallet', () => {
  it.each<Accepted>([
    ['promptpay', '082.332.5470', 'phone', '+66823325470'],
    ['promptpay', '+66 88 860 5776', 'phone', '+66888605776'],
    ['promptpay', '0066961078105', 'phone', '+66961078105'],
    ['promptpay', '66866073534', 'phone', '+66866073534'],
    ['promptpay', '๐๘๔๗๑๒๔๐๖๐', 'phone', '+66847124060'],
    ['promptpay', '(085) 905-9403', 'phone', '+66859059403'],
    ['promptpay', 'พร้อมเพย์ 081-234-5678', 'phone', '+66812345678'],
    ['promptpay', '1101700230708', 'thai_id', '1101700230708'],
    ['promptpay', '1-1017-00230-70-8', 'thai_id', '1101700230708'],
    ['promptpay', '0105536000313', 'thai_id', '0105536000313'],
    ['promptpay', '004000000123456', 'ewallet', '004000000123456'],
    ['promptpay', '004-000000-123456', 'ewallet', '004000000123456'],
    ['ewallet', '140 000 012 345 678', 'ewallet', '140000012345678'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['promptpay', '1101700230709', 'bad_check_digit'],
    ['promptpay', '12345', 'wrong_digit_count'],
    ['promptpay', '12345678901234567', 'wrong_digit_count'],
    ['promptpay', '081-234-567', 'wrong_digit_count'],
    ['promptpay', '', 'empty'],
    ['ewallet', '00400000012345', 'not_an_ewallet_id'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('bank accounts: the digits at one bank, the bank by code or by name', () => {
  it.each<[string, string, string]>([
    ['004', '123-4-56789-0', '004:1234567890'],
    ['4', '1234567890', '004:1234567890'],
    ['KBANK', '123 4 56789 0', '004:1234567890'],
    ['Kasikorn', '1234567890', '004:1234567890'],
    ['กสิกรไทย', '1234567890', '004:1234567890'],
    ['ธ.กสิกร', '1234567890', '004:1234567890'],
    ['ธนาคารกสิกรไทย', '1234567890', '004:1234567890'],
    ['K-Bank', '1234567890', '004:1234567890'],
    ['002', '798-178003-9', '002:7981780039'],
    ['BBL', '7981780039', '002:7981780039'],
    ['Bangkok Bank', '7981780039', '002:7981780039'],
    ['ธ.กรุงเทพ', '7981780039', '002:7981780039'],
    ['กรุงเทพ', '7981780039', '002:7981780039'],
    ['KTB', '9603-2033-45', '006:9603203345'],
    ['Krungthai', '9603203345', '006:9603203345'],
    ['กรุงไทย', '9603203345', '006:9603203345'],
    ['ttb', '0668302792', '011:0668302792'],
    ['TMB', '0668302792', '011:0668302792'],
    ['ทีทีบี', '0668302792', '011:0668302792'],
    ['SCB', '852-3-21918-2', '014:8523219182'],
    ['ไทยพาณิชย์', '8523219182', '014:8523219182'],
    ['ธ.ไทยพาณิชย์', '8523219182', '014:8523219182'],
    ['Krungsri', '617 9 52153 1', '025:6179521531'],
    ['BAY', '6179521531', '025:6179521531'],
    ['กรุงศรี', '6179521531', '025:6179521531'],
    ['GSB', '8745 5243 7074', '030:874552437074'],
    ['ออมสิน', '874552437074', '030:874552437074'],
    ['ธ.ออมสิน', '874552437074', '030:874552437074'],
    ['BAAC', '9603 2033 4576', '034:960320334576'],
    ['ธ.ก.ส.', '960320334576', '034:960320334576'],
    ['ธกส', '960320334576', '034:960320334576'],
    ['๐๐๔', '๑๒๓๔๕๖๗๘๙๐', '004:1234567890'],
    // ำ in two parts (NFKC's form, and a PDF's), a label pasted with the name, a common misspelling, the country.
    ['ธนาคารไทยพาณิชย์ จ\u0E4D\u0E32กัด (มหาชน)', '8523219182', '014:8523219182'],
    ['ธนาคาร: กสิกรไทย', '1234567890', '004:1234567890'],
    ['Bank name: KBANK', '1234567890', '004:1234567890'],
    ['ไทยพานิชย์', '8523219182', '014:8523219182'],
    ['UOB Thailand', '1234567890', '024:1234567890'],
    ['UOB (Thailand) PCL', '1234567890', '024:1234567890'],
    ['Islamic Bank of Thailand', '1234567890', '066:1234567890'],
  ])('%s %j → %s', (bank, value, canonicalValue) => expectCanonical({ type: 'bank_account', value, bank }, 'bank_account', canonicalValue));

  it('keeps the same digits at two banks apart', () => {
    const kbank = normaliseIdentifier({ type: 'bank_account', bank: '004', value: '1234567890' });
    const scb = normaliseIdentifier({ type: 'bank_account', bank: '014', value: '1234567890' });
    expect(kbank.ok && scb.ok && kbank.identifier.value !== scb.identifier.value).toBe(true);
  });

  it.each<[string | undefined, string, InvalidReason]>([
    ['004', '123456789', 'wrong_account_length'],
    ['004', '123456789012', 'wrong_account_length'],
    ['030', '1234567890', 'wrong_account_length'],
    ['034', '12345678901', 'wrong_account_length'],
    ['Bank of Mars', '1234567890', 'unknown_bank'],
    // The central bank holds no one's deposit account, and "of Thailand" alone names no bank.
    ['Bank of Thailand', '1234567890', 'unknown_bank'],
    ['ธนาคารแห่งประเทศไทย', '1234567890', 'unknown_bank'],
    ['999', '1234567890', 'unknown_bank'],
    [undefined, '1234567890', 'bank_missing'],
    ['', '1234567890', 'bank_missing'],
    ['004', '', 'empty'],
    ['004', '12345abcde', 'wrong_account_length'],
  ])('bank %j, account %j is refused: %s', (bank, value, reason) => expectRefused({ type: 'bank_account', value, ...(bank === undefined ? {} : { bank }) }, reason));

  it('masks all but the last four digits and names the bank', () => {
    const account = normaliseIdentifier({ type: 'bank_account', bank: 'กสิกรไทย', value: '123-4-56789-0' });
    expect(account.ok && account.identifier.masked).toBe('KBANK xxxxxx7890');
  });

  it('resolves the codes of the standard', () => {
    for (const code of ['002', '004', '006', '011', '014', '022', '024', '025', '030', '033', '034', '066', '067', '069', '070', '071', '073', '098']) {
      expect(resolveBank(code)?.code).toBe(code);
    }
  });
});

describe('national and juristic ids: 13 digits with the mod-11 check digit', () => {
  it.each<Accepted>([
    ['national_id', '1101700230708', 'thai_id', '1101700230708'],
    ['national_id', '1-1017-00230-70-8', 'thai_id', '1101700230708'],
    ['national_id', '1 1017 00230 70 8', 'thai_id', '1101700230708'],
    ['national_id', '๑๑๐๑๗๐๐๒๓๐๗๐๘', 'thai_id', '1101700230708'],
    ['national_id', '3100600221117', 'thai_id', '3100600221117'],
    ['juristic_id', '0105536000313', 'thai_id', '0105536000313'],
    ['juristic_id', '0-1055-36000-31-3', 'thai_id', '0105536000313'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['national_id', '1101700230709', 'bad_check_digit'],
    ['national_id', '1-1017-00230-70-9', 'bad_check_digit'],
    ['national_id', '110170023070', 'wrong_digit_count'],
    ['national_id', '11017002307080', 'wrong_digit_count'],
    ['national_id', '1101700230708x', 'wrong_digit_count'],
    ['national_id', '', 'empty'],
    ['juristic_id', '0105536000314', 'bad_check_digit'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('URLs: a shop path or a site host identifies; a platform home page does not', () => {
  it.each<Accepted>([
    ['url', 'https://www.gold-asia78.top/?igshid=82564006', 'url', 'gold-asia78.top'],
    ['url', 'http://easycash-th31.top', 'url', 'easycash-th31.top'],
    ['url', 'gold-asia78.top', 'url', 'gold-asia78.top'],
    ['url', 'GOLD-ASIA78.TOP/', 'url', 'gold-asia78.top'],
    ['url', 'https://gold-th02.net?fbclid=IwAR0abc449628', 'url', 'gold-th02.net'],
    ['url', 'https://gold-th02.net/register?ref=abc', 'url', 'gold-th02.net'],
    ['url', 'http://m.invest-th38.xyz/th/', 'url', 'invest-th38.xyz'],
    ['url', 'https://invest.example.co.th/', 'url', 'invest.example.co.th'],
    ['url', '<https://crypto-asia82.net/>', 'url', 'crypto-asia82.net'],
    ['url', 'https://www.shopee.co.th/shop/204786179', 'url', 'shopee.co.th/shop/204786179'],
    ['url', 'shopee.co.th/shop/204786179/', 'url', 'shopee.co.th/shop/204786179'],
    ['url', 'https://shopee.co.th/shop/204786179?utm_source=line&utm_medium=chat', 'url', 'shopee.co.th/shop/204786179'],
    ['url', 'https://shopee.co.th/เสื้อยืด-ลายแมว-i.204786179.2233445566', 'url', 'shopee.co.th/shop/204786179'],
    ['url', 'https://shopee.co.th/bestgadget.th', 'url', 'shopee.co.th/bestgadget.th'],
    ['url', 'lazada.co.th/shop/super-gadget-854/?sfnsn=mo', 'url', 'lazada.co.th/shop/super-gadget-854'],
    ['url', 'https://www.lazada.co.th/shop/Super-Gadget-854', 'url', 'lazada.co.th/shop/super-gadget-854'],
    ['url', 'https://www.lazada.co.th/products/phone-case-i4021234567-s1234.html?spm=a2o4m', 'url', 'lazada.co.th/products/i4021234567'],
    ['url', 'https://www.facebook.com/profile.php?id=100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['url', 'https://line.me/ti/p/~admin445', 'line_id', 'admin445'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['url', 'https://shopee.co.th/', 'identifies_nobody'],
    ['url', 'https://www.lazada.co.th/', 'identifies_nobody'],
    ['url', 'https://www.facebook.com/', 'identifies_nobody'],
    ['url', 'line.me', 'identifies_nobody'],
    ['url', 'https://line.me/th/', 'identifies_nobody'],
    ['url', 'https://shopee.co.th/search?keyword=iphone', 'identifies_nobody'],
    ['url', 'https://www.facebook.com/marketplace', 'identifies_nobody'],
    ['url', 'https://www.facebook.com/login', 'identifies_nobody'],
    ['url', 'https://www.google.com/search?q=scam', 'identifies_nobody'],
    ['url', 'not a url', 'not_a_url'],
    ['url', 'ftp://files.example.com/a', 'not_a_url'],
    ['url', 'http://192.168.1.10/login', 'not_a_url'],
    ['url', 'localhost', 'not_a_url'],
    ['url', '', 'empty'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('social profiles: Facebook front-ends, fb.com, case, dots and tracking parameters', () => {
  it.each<Accepted>([
    ['social_profile', 'https://www.facebook.com/profile.php?id=100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'http://m.facebook.com/profile.php?id=100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://mbasic.facebook.com/profile.php?id=100039520097765&fbclid=IwAR0abc', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://web.facebook.com/profile.php?id=100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'facebook.com/profile.php?id=100039520097765&mibextid=LQQJ4d', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/people/Somchai-Shop/100039520097765/', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/p/Somchai-Shop-100039520097765/', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'facebook.com/p/ร้านสมชาย-100039520097765?mibextid=ZbWKwL', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/pages/Somchai-Shop/100039520097765', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/pages/category/Shopping---Retail/Somchai-Shop-100039520097765/', 'social_profile', 'facebook:id:100039520097765'],
    ['social_profile', 'https://www.facebook.com/Deal.Beauty45?utm_source=line&utm_medium=chat', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'https://web.facebook.com/deal.beauty45/?rdid=95689', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'https://fb.com/DealBeauty45', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'fb.com/Deal.Beauty45', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'https://mbasic.facebook.com/deal.beauty45/', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'https://facebook.com/deal.beauty45/?mibextid=LQQJ4d', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'facebook: Deal.Beauty45', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'FB: deal.beauty45', 'social_profile', 'facebook:dealbeauty45'],
    ['social_profile', 'https://www.facebook.com/groups/thaideals99/', 'social_profile', 'facebook:group:thaideals99'],
    ['social_profile', 'https://www.instagram.com/Shop.Cheap97/?igshid=abc', 'social_profile', 'instagram:shop.cheap97'],
    ['social_profile', 'ig: @shop.cheap97', 'social_profile', 'instagram:shop.cheap97'],
    ['social_profile', 'https://www.tiktok.com/@Shop.Cheap97?is_from_webapp=1', 'social_profile', 'tiktok:shop.cheap97'],
    ['social_profile', 'https://x.com/ShopCheap97', 'social_profile', 'x:shopcheap97'],
    ['social_profile', 'https://twitter.com/shopcheap97', 'social_profile', 'x:shopcheap97'],
    ['social_profile', '@somchai.shop', 'social_profile', 'handle:somchai.shop'],
    // A shop's own site given as its profile is that site.
    ['social_profile', 'https://gold-asia78.top/', 'url', 'gold-asia78.top'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['social_profile', 'https://www.facebook.com/', 'identifies_nobody'],
    ['social_profile', 'https://m.facebook.com/profile.php', 'identifies_nobody'],
    ['social_profile', 'https://www.facebook.com/watch/?v=123', 'identifies_nobody'],
    ['social_profile', 'https://www.instagram.com/p/Cabc123/', 'identifies_nobody'],
    ['social_profile', 'two words', 'not_a_profile'],
    ['social_profile', '', 'empty'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('LINE ids: case-insensitive; links and an ID: prefix are the same id', () => {
  it.each<Accepted>([
    ['line_id', 'admin708', 'line_id', 'admin708'],
    ['line_id', 'ADMIN708', 'line_id', 'admin708'],
    ['line_id', 'ID: admin708', 'line_id', 'admin708'],
    ['line_id', 'id:admin708', 'line_id', 'admin708'],
    ['line_id', 'ไลน์ admin708', 'line_id', 'admin708'],
    ['line_id', 'Line ID: Admin708', 'line_id', 'admin708'],
    ['line_id', 'https://line.me/ti/p/~admin708', 'line_id', 'admin708'],
    ['line_id', 'line.me/ti/p/~Admin708', 'line_id', 'admin708'],
    ['line_id', 'http://line.me/ti/p/~admin708?from=page', 'line_id', 'admin708'],
    ['line_id', '~admin708', 'line_id', 'admin708'],
    ['line_id', '@shopofficial', 'line_id', '@shopofficial'],
    ['line_id', 'https://line.me/R/ti/p/@ShopOfficial', 'line_id', '@shopofficial'],
    ['line_id', 'somchai.shop_99', 'line_id', 'somchai.shop_99'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['line_id', 'line.me', 'identifies_nobody'],
    ['line_id', 'https://line.me/th/', 'identifies_nobody'],
    ['line_id', 'ab', 'not_a_line_id'],
    ['line_id', 'สมชาย', 'not_a_line_id'],
    ['line_id', '', 'empty'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('e-mail addresses', () => {
  it.each<Accepted>([
    ['email', 'Somchai.Shop@Gmail.com', 'email', 'somchaishop@gmail.com'],
    ['email', 'somchai.shop+scam@googlemail.com', 'email', 'somchaishop@gmail.com'],
    ['email', 'mailto:seller@example.co.th', 'email', 'seller@example.co.th'],
    ['email', ' Seller.One@Example.co.th ', 'email', 'seller.one@example.co.th'],
    ['email', 'อีเมล: seller@hotmail.com', 'email', 'seller@hotmail.com'],
    // Spelled out, as `[at]` is written: one address, whichever way.
    ['email', 'seller at gmail dot com', 'email', 'seller@gmail.com'],
    ['email', 'mailto:seller@example.co.th?subject=order', 'email', 'seller@example.co.th'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it.each<Refused>([
    ['email', 'seller@', 'not_an_email'],
    ['email', 'seller at gmail', 'not_an_email'],
    ['email', 'meet seller at the shop dot com', 'not_an_email'],
    ['email', '@gmail.com', 'not_an_email'],
    ['email', '', 'empty'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

describe('names are weak: titles, spaces and case do not matter, and they never link', () => {
  it.each<Accepted>([
    ['person_name', 'นายสมชาย แก้วมณี', 'person_name', 'สมชาย แก้วมณี'],
    ['person_name', 'สมชาย  แก้วมณี', 'person_name', 'สมชาย แก้วมณี'],
    ['person_name', 'นางสาวประเสริฐ รุ่งเรือง', 'person_name', 'ประเสริฐ รุ่งเรือง'],
    ['person_name', 'น.ส. ประเสริฐ รุ่งเรือง', 'person_name', 'ประเสริฐ รุ่งเรือง'],
    ['person_name', 'นางมาลี ทองดี', 'person_name', 'มาลี ทองดี'],
    ['person_name', 'Mr. สมชาย ศรีสุข', 'person_name', 'สมชาย ศรีสุข'],
    ['person_name', 'MR สมชาย ศรีสุข', 'person_name', 'สมชาย ศรีสุข'],
    ['person_name', 'คุณ สมชาย ศรีสุข', 'person_name', 'สมชาย ศรีสุข'],
    ['person_name', 'Miss Malee Thongdee', 'person_name', 'malee thongdee'],
    ['person_name', 'Mrs. MALEE  Thongdee', 'person_name', 'malee thongdee'],
    ['person_name', 'Mrsomchai', 'person_name', 'mrsomchai'],
    ['shop_name', 'ร้าน Happy Gadget!', 'shop_name', 'happygadget'],
    ['shop_name', 'happy-gadget', 'shop_name', 'happygadget'],
    // ำ in two parts, a tone mark before or between them: one spelling.
    ['person_name', 'นายสมชาย น\u0E49\u0E4D\u0E32ใจดี', 'person_name', 'สมชาย น้ำใจดี'],
    ['person_name', 'นายสมชาย น\u0E4D\u0E49\u0E32ใจดี', 'person_name', 'สมชาย น้ำใจดี'],
    ['shop_name', 'ร้านน\u0E49\u0E4D\u0E32หอมแท้', 'shop_name', 'น้ำหอมแท้'],
  ])('%s %j → %s %s', (type, value, kind, canonicalValue) => expectCanonical({ type, value }, kind, canonicalValue));

  it('marks names weak and strong identifiers strong', () => {
    const name = normaliseIdentifier({ type: 'person_name', value: 'นายสมชาย แก้วมณี' });
    const phone = normaliseIdentifier({ type: 'phone', value: '0812345678' });
    expect(name.ok && name.identifier.strength).toBe('weak');
    expect(phone.ok && phone.identifier.strength).toBe('strong');
  });

  it.each<Refused>([
    ['person_name', 'นาย', 'not_a_name'],
    ['person_name', '1234', 'not_a_name'],
    ['shop_name', '!!!', 'not_a_name'],
    ['nickname', 'somchai', 'unsupported_type'],
  ])('%s %j is refused: %s', (type, value, reason) => expectRefused({ type, value }, reason));
});

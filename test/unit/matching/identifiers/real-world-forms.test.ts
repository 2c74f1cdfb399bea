import { describe, expect, it } from '@jest/globals';
import { resolveBank } from '../../../../src/matching/identifiers/bank-account.js';
import { normaliseIdentifier, type ReportedIdentifier } from '../../../../src/matching/identifiers/index.js';
import { stripLabels } from '../../../../src/matching/identifiers/labels.js';

/** The identity a reported identifier reduces to (`kind:value`), or `refused:<reason>`. */
function identity(subject: ReportedIdentifier): string {
  const result = normaliseIdentifier(subject);
  return result.ok ? `${result.identifier.kind}:${result.identifier.value}` : `refused:${result.reason}`;
}

const phone = (value: string): ReportedIdentifier => ({ type: 'phone', value });
const account = (value: string, bank: string): ReportedIdentifier => ({ type: 'bank_account', value, bank });
const wallet = (value: string): ReportedIdentifier => ({ type: 'ewallet', value });
const accountAlone = (value: string): ReportedIdentifier => ({ type: 'bank_account', value });

/** Issue 23's families, each as people paste them; every form of one row must reduce to the row's identity. */
describe('identifiers as people paste them reduce to one identity (issue 23)', () => {
  it.each<[string, ReportedIdentifier[], string]>([
    ['a label before a phone, a name after it', [phone('เบอร์ 081-234-5678'), phone('081-234-5678 (คุณเอ)'), phone('เบอร์โทร: 0812345678'), phone('มือถือ 081 234 5678 [แอดมิน]'), phone('เบอร์0812345678')], 'phone:+66812345678'],
    ['a label before an account', [account('เลขบัญชี 123-4-56789-0', '004'), account('A/C No. 1234567890', '004'), account('Account number: 123 4 56789 0', '004'), account('บัญชีเลขที่ 1234567890 (นายเอ)', '004')], 'bank_account:004:1234567890'],
    ['a label before a national id', [{ type: 'national_id', value: 'เลขบัตรประชาชน 1-1017-00230-70-8' }, { type: 'national_id', value: 'ID card: 1101700230708' }], 'thai_id:1101700230708'],
    ['a label before a LINE id', [{ type: 'line_id', value: 'ID Line: somchai' }, { type: 'line_id', value: 'ไลน์ somchai' }, { type: 'line_id', value: 'Line ID: SOMCHAI' }], 'line_id:somchai'],
    ["a LINE official account's other links: a message to it, its home, its store", [
      { type: 'url', value: 'https://line.me/R/oaMessage/@shop/?สวัสดี' }, { type: 'url', value: 'https://line.me/R/home/public/main?id=shop' }, { type: 'url', value: 'https://shop.line.me/@shop' },
      { type: 'line_id', value: '@shop' },
    ], 'line_id:@shop'],
    ['a LINE official account with its label', [{ type: 'line_id', value: 'LINE OA: @shop' }, { type: 'line_id', value: '@shop' }, { type: 'line_id', value: 'LINE@ : shop' }, { type: 'line_id', value: '@shop.' }], 'line_id:@shop'],
    ['PromptPay with its label', [{ type: 'promptpay', value: 'พร้อมเพย์ 081-234-5678' }, { type: 'promptpay', value: 'PromptPay: 0812345678' }, phone('081-234-5678')], 'phone:+66812345678'],
    ['a phone number in the LINE box (LINE finds friends by number)', [{ type: 'line_id', value: '081-234-5678' }, { type: 'line_id', value: 'ID Line: 0812345678' }, phone('+66 81 234 5678')], 'phone:+66812345678'],
    ['an e-mail address in the URL, profile, LINE or phone box', [
      { type: 'url', value: 'somchai@gmail.com' }, { type: 'social_profile', value: 'Somchai@Gmail.com' }, { type: 'line_id', value: 'somchai@gmail.com' },
      phone('s.omchai@gmail.com'), { type: 'email', value: 'somchai@gmail.com' },
    ], 'email:somchai@gmail.com'],
    ['a phone number in the URL, profile or e-mail box', [{ type: 'url', value: '081-234-5678' }, { type: 'social_profile', value: '081-234-5678' }, { type: 'email', value: '+66 81 234 5678' }, phone('0812345678')], 'phone:+66812345678'],
    ['a profile in the phone or URL box', [phone('facebook.com/somchai.jaidee'), { type: 'url', value: 'FB: somchai.jaidee' }, { type: 'social_profile', value: 'https://www.facebook.com/somchai.jaidee' }], 'social_profile:facebook:somchaijaidee'],
    ["a site in the profile box", [{ type: 'social_profile', value: 'scam-shop-th.com' }, { type: 'url', value: 'https://www.scam-shop-th.com/' }], 'url:scam-shop-th.com'],
    ['a bank named inside Thai words run together', [accountAlone('ให้โอนเข้าบัญชีกสิกร 123-4-56789-0 ชื่อนายเอ'), accountAlone('เลขบัญชี1234567890กสิกรไทย'), account('1234567890', 'KBANK')], 'bank_account:004:1234567890'],
    ['a link or an @id among words of any language', [
      { type: 'social_profile', value: 'เพจชื่อ Deal Beauty facebook.com/dealbeauty45' }, { type: 'social_profile', value: 'Deal Beauty (facebook.com/dealbeauty45)' }, { type: 'social_profile', value: 'Deal Beauty https://www.facebook.com/DealBeauty45' },
    ], 'social_profile:facebook:dealbeauty45'],
    ['an official account among words in the LINE box', [{ type: 'line_id', value: 'ไลน์ชื่อ Deal Beauty ไอดี @shopdeal' }, { type: 'line_id', value: '@ShopDeal' }], 'line_id:@shopdeal'],
    ['PromptPay filed as an account\'s bank', [account('081-234-5678', 'พร้อมเพย์'), account('0812345678', 'PromptPay'), phone('0812345678')], 'phone:+66812345678'],
    ["PromptPay with its holder's name", [
      { type: 'promptpay', value: '081-234-5678 ชื่อ นายสมชาย' }, { type: 'promptpay', value: 'พร้อมเพย์: 081-234-5678 ชื่อบัญชี สมชาย ใจดี' },
      { type: 'promptpay', value: 'PromptPay 0812345678 Somchai J.' }, phone('081-234-5678'),
    ], 'phone:+66812345678'],
    ['emoji and bullets a chat message points with', [phone('📞081-234-5678'), phone('📱 +66 81 234 5678'), phone('• 081-234-5678'), phone('081-234-5678 👈')], 'phone:+66812345678'],
    ['emoji around a link and a LINE id', [{ type: 'url', value: '👉 https://scam-shop-th.com' }, { type: 'url', value: '✅ scam-shop-th.com ✅' }], 'url:scam-shop-th.com'],
    ['invisible characters from copy-paste', [phone('\u200E081-234-5678\u200F'), phone('\u202A0812345678\u202C'), phone('\uFEFF081\u2060234\u200D5678'), phone('\u2066081 234 5678\u2069'), phone('081\u00A0234\u00A05678')], 'phone:+66812345678'],
    ['numbers from abroad, with their country code in brackets or a trunk 0', [phone('(+855) 12 345 678'), phone('+855 12 345 678'), phone('+855 (0)12 345 678'), phone('00855 12 345 678')], 'phone:+85512345678'],
    ['a bank by BIC, by code and name, by legal and former name', [
      account('1234567890', 'KASITHBK'), account('1234567890', 'KASITHBKXXX'), account('1234567890', 'KBANK (004)'), account('1234567890', '004 กสิกรไทย'),
      account('1234567890', 'Kasikornbank Public Company Limited'), account('1234567890', 'ธนาคารกสิกรไทย จำกัด (มหาชน)'), account('1234567890', 'Thai Farmers Bank'),
    ], 'bank_account:004:1234567890'],
    ['a BIC with its label, spaced as printed, or beside a name or a code', [
      account('1234567890', 'SWIFT: KASITHBK'), account('1234567890', 'BIC code KASITHBK'), account('1234567890', 'KASI TH BK'), account('1234567890', 'KASITHBK XXX'),
      account('1234567890', 'KASITHBK (KBANK)'), account('1234567890', 'Kasikornbank (KASITHBK)'), account('1234567890', 'KASITHBK / 004'), account('1234567890', 'code 004'),
    ], 'bank_account:004:1234567890'],
    ["a legal name beside a short name, the company's form in the middle", [
      account('1234567890', 'ธนาคารไทยพาณิชย์ จำกัด (มหาชน) SCB'), account('1234567890', 'The Siam Commercial Bank PCL (SCB)'), account('1234567890', '014 ธนาคารไทยพาณิชย์ จำกัด (มหาชน)'),
    ], 'bank_account:014:1234567890'],
    ["the bank's code before the account, as interbank forms write it", [accountAlone('004-1234567890'), accountAlone('004 123-4-56789-0'), account('004-1234567890', 'KBANK'), account('1234567890', '004')], 'bank_account:004:1234567890'],
    ['BAAC by its Thai initials and its short name', [account('123456789012', 'ธ.ก.ส. (BAAC)'), account('123456789012', 'BAAC ธ.ก.ส.'), account('123456789012', '034')], 'bank_account:034:123456789012'],
    ['ICBC (Thai) as Thai law writes it', [account('1234567890', 'ธนาคารไอซีบีซี (ไทย) จำกัด (มหาชน)'), account('1234567890', 'ICBC')], 'bank_account:070:1234567890'],
    ['SCB as Thai law writes it (ำ survives: NFC, not NFKC)', [account('1234567890', 'ธนาคารไทยพาณิชย์ จำกัด (มหาชน)'), account('1234567890', 'The Siam Commercial Bank PCL'), account('1234567890', 'SICOTHBK')], 'bank_account:014:1234567890'],
    ['short names spelled in Thai letters', [account('1234567890', 'เอสซีบี'), account('1234567890', 'SCB')], 'bank_account:014:1234567890'],
    ['former banks are the banks they became', [account('1234567890', 'Thai Danu Bank'), account('1234567890', 'IFCT'), account('1234567890', 'ทหารไทยธนชาต')], 'bank_account:011:1234567890'],
    ['Krungsri by its legal name', [account('1234567890', 'Bank of Ayudhya PCL'), account('1234567890', 'กรุงศรีอยุธยา'), account('1234567890', 'AYUDTHBK')], 'bank_account:025:1234567890'],
    ['instagr.am is instagram.com', [{ type: 'url', value: 'instagr.am/shop.deal' }, { type: 'social_profile', value: 'https://www.instagram.com/shop.deal/' }], 'social_profile:instagram:shop.deal'],
    ["m.me names the Facebook page it opens Messenger with", [{ type: 'url', value: 'https://m.me/Deal.Beauty45' }, { type: 'social_profile', value: 'facebook.com/dealbeauty45' }], 'social_profile:facebook:dealbeauty45'],
    ["a link shortened for display keeps its host", [{ type: 'url', value: 'https://scam-shop-th.com/promo…' }, { type: 'url', value: 'scam-shop-th.com/promo...' }, { type: 'url', value: 'scam-shop-th.com' }], 'url:scam-shop-th.com'],
    ["Facebook's link shim identifies the URL it wraps", [{ type: 'url', value: 'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.scam-shop-th.com%2Fpromo&h=AT0abc' }, { type: 'url', value: 'scam-shop-th.com' }], 'url:scam-shop-th.com'],
    ['a TikTok video names its account', [{ type: 'url', value: 'https://www.tiktok.com/@fake.shop/video/7312345678901234567?is_from_webapp=1' }, { type: 'social_profile', value: 'tiktok: @Fake.Shop' }], 'social_profile:tiktok:fake.shop'],
    ['e-mail as `Name <addr>`, Gmail dots, +tag and googlemail', [{ type: 'email', value: 'Somchai Jaidee <Som.Chai+shop@gmail.com>' }, { type: 'email', value: 'somchai@googlemail.com' }, { type: 'email', value: 'อีเมล: s.o.m.c.h.a.i@gmail.com' }, { type: 'email', value: 'somchai@gmail,com' }, { type: 'email', value: 'Somchai Jaidee (somchai@gmail.com)' }], 'email:somchai@gmail.com'],
    ['a short link repeated verbatim is itself', [{ type: 'url', value: 'https://shp.ee/AbC1xyz' }, { type: 'url', value: 'shp.ee/AbC1xyz/' }], 'url:short:shp.ee/AbC1xyz'],
    ['a LINE short link repeated verbatim', [{ type: 'url', value: 'https://lin.ee/xYz12' }, { type: 'url', value: 'lin.ee/xYz12' }], 'url:short:lin.ee/xYz12'],
    ['a Facebook share link repeated verbatim', [{ type: 'url', value: 'https://www.facebook.com/share/p/1AbCdEf/' }, { type: 'url', value: 'm.facebook.com/share/p/1AbCdEf' }], 'url:short:facebook.com/share/p/1AbCdEf'],
    // Investment scams gather victims in chat groups: an invitation's code names one group, whatever box it is in.
    ['a LINE OpenChat invitation, by any of its links and in the LINE box', [
      { type: 'url', value: 'https://line.me/ti/g2/AbCdEfGhIjKlMn?utm_source=invitation&utm_medium=link_copy' }, { type: 'line_id', value: 'line.me/R/ti/g2/AbCdEfGhIjKlMn' },
      { type: 'social_profile', value: 'ห้อง OpenChat https://line.me/ti/g2/AbCdEfGhIjKlMn' },
    ], 'url:invite:line.me/ti/g2/AbCdEfGhIjKlMn'],
    ['a LINE group invitation', [{ type: 'url', value: 'https://line.me/R/ti/g/XyZ123abc' }, { type: 'line_id', value: 'line.me/ti/g/XyZ123abc' }], 'url:invite:line.me/ti/g/XyZ123abc'],
    ['a WhatsApp group invitation', [{ type: 'url', value: 'https://chat.whatsapp.com/Hk3LmN0pQrStUv' }, { type: 'url', value: 'chat.whatsapp.com/invite/Hk3LmN0pQrStUv' }], 'url:invite:chat.whatsapp.com/Hk3LmN0pQrStUv'],
    ['a Telegram group invitation, old and new', [{ type: 'url', value: 'https://t.me/+Qw3rTy_uI0' }, { type: 'url', value: 't.me/joinchat/Qw3rTy_uI0' }, { type: 'social_profile', value: 'https://telegram.me/joinchat/Qw3rTy_uI0' }], 'url:invite:t.me/+Qw3rTy_uI0'],
    ['a Messenger group chat invitation', [{ type: 'url', value: 'https://m.me/j/AbCdEfGh12/' }, { type: 'social_profile', value: 'm.me/j/AbCdEfGh12' }], 'url:invite:m.me/j/AbCdEfGh12'],
    ["WhatsApp's long link is wa.me's number", [{ type: 'url', value: 'https://api.whatsapp.com/send?phone=66812345678&text=%E0%B8%AA' }, { type: 'url', value: 'wa.me/66812345678' }, phone('081-234-5678')], 'phone:+66812345678'],
    ['a Facebook Marketplace listing, by its own address and its share address', [
      { type: 'url', value: 'https://www.facebook.com/marketplace/item/1234567890123456/?ref=search&referral_code=null' }, { type: 'social_profile', value: 'm.facebook.com/marketplace/item/1234567890123456' },
      { type: 'url', value: 'https://www.facebook.com/commerce/listing/1234567890123456/?media_id=0' },
    ], 'url:facebook.com/marketplace/item/1234567890123456'],
    ["a platform's name with the word for id or name, or a dash, before the handle", [
      { type: 'social_profile', value: 'TikTok ID: fake.shop' }, { type: 'social_profile', value: 'tiktok id fake.shop' }, { type: 'social_profile', value: 'TikTok - fake.shop' },
      { type: 'url', value: 'https://www.tiktok.com/@fake.shop' },
    ], 'social_profile:tiktok:fake.shop'],
    ['Telegram by its name before the handle, in any box', [
      { type: 'social_profile', value: 'Telegram: @scammer_th' }, { type: 'url', value: 'Telegram @scammer_th' }, { type: 'social_profile', value: 'เทเลแกรม scammer_th' },
      { type: 'url', value: 'https://t.me/Scammer_TH' },
    ], 'social_profile:telegram:scammer_th'],
    ['a chat app that knows its users by number labels a phone', [
      { type: 'social_profile', value: 'WhatsApp +855 12 345 678' }, { type: 'line_id', value: 'Viber: +855 12 345 678' }, phone('WhatsApp: +855 12 345 678'), phone('+855 12 345 678'),
    ], 'phone:+85512345678'],
    ['a handle with its platform named after it', [{ type: 'social_profile', value: '@fake.shop (tiktok)' }, { type: 'social_profile', value: 'fake.shop（TikTok）' }, { type: 'url', value: 'https://www.tiktok.com/@fake.shop' }], 'social_profile:tiktok:fake.shop'],
    ["Instagram's app link and its direct-message link name the profile", [{ type: 'url', value: 'https://www.instagram.com/_u/shop.deal' }, { type: 'url', value: 'https://ig.me/m/shop.deal' }, { type: 'social_profile', value: 'shop.deal [IG]' }], 'social_profile:instagram:shop.deal'],
    ["an older page address, its name then its number, and a chat with it on facebook.com", [
      { type: 'url', value: 'https://www.facebook.com/Deal-Beauty-123456789012345/' }, { type: 'social_profile', value: 'https://facebook.com/messages/t/123456789012345' },
      { type: 'social_profile', value: 'https://www.facebook.com/profile.php?id=123456789012345' },
      { type: 'url', value: 'https://www.facebook.com/marketplace/profile/123456789012345/?ref=listing' },
      { type: 'url', value: 'https://www.facebook.com/groups/987654321/user/123456789012345/' }, { type: 'url', value: 'https://www.facebook.com/stories/123456789012345/UzpfSVNDOjE/' },
      { type: 'url', value: 'https://www.facebook.com/photo.php?fbid=111&set=a.222&type=3&id=123456789012345' },
    ], 'social_profile:facebook:id:123456789012345'],
    ["Messenger on the web names the page it chats with", [{ type: 'url', value: 'https://www.messenger.com/t/Deal.Beauty45' }, { type: 'social_profile', value: 'https://m.me/dealbeauty45' }], 'social_profile:facebook:dealbeauty45'],
    ['any words without a digit around a phone are labels or names', [
      phone('เบอร์ที่โทรมา 0812345678'), phone('หมายเลข 081-234-5678'), phone('0812345678 คุณสมชาย'), phone('081-234-5678 แอดมินเพจ'), phone('WhatsApp 081 234 5678'),
      phone('มิจฉาชีพโทรจากเบอร์ 0812345678 ค่ะ'), phone('(081) 234-5678 ร้านค้า'), phone('081-234-5678 (โทรมา 3 ครั้ง)'), phone('เวลา 14.30 น. เบอร์ 081-234-5678'),
    ], 'phone:+66812345678'],
    ['a number from abroad with an app name before it', [phone('WhatsApp +855 12 345 678'), phone('Telegram: +855 12 345 678'), phone('(+855) 12 345 678')], 'phone:+85512345678'],
    ['an extension after a landline', [phone('02-888-8888 ต่อ 12'), phone('02 888 8888 ext. 3'), phone('028888888 x 45'), phone('02-888-8888')], 'phone:+6628888888'],
    ['the bank written in the account box, the bank field empty', [
      accountAlone('KBANK 123-4-56789-0'), accountAlone('กสิกร 1234567890'), accountAlone('ธ.กสิกรไทย เลขที่ 123-4-56789-0'), accountAlone('123-4-56789-0 (กสิกร)'),
      accountAlone('บัญชีธนาคารกสิกรไทย 123-4-56789-0'), accountAlone('KASITHBK 1234567890'), accountAlone('โอนเข้า กสิกร 123-4-56789-0'), account('1234567890', 'KBANK'),
    ], 'bank_account:004:1234567890'],
    ['the bank and the holder in the account box', [
      accountAlone('ธนาคาร กรุงไทย 123-4-56789-0 ชื่อบัญชี นายสมชาย ใจดี'), accountAlone('KTB: 1234567890 name: Somchai'), accountAlone('กรุงไทย 1234567890 สาขาสีลม'),
      account('เลขบัญชี 123-4-56789-0 ชื่อ นายสมชาย', 'กรุงไทย'), account('1234567890', '006'),
    ], 'bank_account:006:1234567890'],
    ['the same bank in the field and in the value', [account('SCB 123-456789-0', 'ไทยพาณิชย์'), account('1234567890 (SCB)', '014'), account('1234567890', 'SICOTHBK')], 'bank_account:014:1234567890'],
    ['a wallet known by its phone number is that phone', [wallet('TrueMoney 081-234-5678'), wallet('ทรูมันนี่วอลเล็ท: 0812345678'), wallet('0812345678'), phone('081-234-5678')], 'phone:+66812345678'],
    ['a wallet filed as an account, with the wallet as its bank or in its value, is the phone it is registered to', [
      account('0812345678', 'TrueMoney Wallet'), account('081-234-5678', 'ทรูมันนี่'), accountAlone('TrueMoney 081-234-5678'), accountAlone('0812345678 (ทรูมันนี่)'),
      accountAlone('บัญชีทรูมันนี่ 0812345678'), account('081 234 5678', 'ShopeePay'), phone('0812345678'),
    ], 'phone:+66812345678'],
    ['a LINE short link in the LINE box is the link', [{ type: 'line_id', value: 'lin.ee/AbC123' }, { type: 'line_id', value: 'https://lin.ee/AbC123' }, { type: 'url', value: 'lin.ee/AbC123' }], 'url:short:lin.ee/AbC123'],
    ['a link written so that it cannot be clicked', [{ type: 'url', value: 'hxxps://scam-shop[.]com/pay' }, { type: 'url', value: 'scam-shop(.)com' }, { type: 'url', value: 'scam-shop[dot]com' }, { type: 'url', value: 'https://scam-shop.com/' }], 'url:scam-shop.com'],
    ['an address at the end of a sentence, or written against harvesters', [{ type: 'email', value: 'scam@example.co.th.' }, { type: 'email', value: 'scam[at]example[.]co.th' }, { type: 'email', value: 'SCAM@EXAMPLE.CO.TH' }], 'email:scam@example.co.th'],
    ['a YouTube channel by handle', [{ type: 'url', value: 'https://www.youtube.com/@FakeShop/videos' }, { type: 'url', value: 'youtube.com/@fakeshop' }, { type: 'social_profile', value: 'YouTube: @FakeShop' }], 'social_profile:youtube:fakeshop'],
    ['a bank by its name and its short name together', [account('1234567890', 'กสิกรไทย (KBANK)'), account('1234567890', 'Kasikorn Bank KBANK'), account('1234567890', 'K-Bank')], 'bank_account:004:1234567890'],
    ['Krungsri abbreviated with ฯ, and by name and short name', [account('1234567890', 'ธนาคารกรุงศรีฯ'), account('1234567890', 'กรุงศรี (BAY)'), account('1234567890', 'Bank of Ayudhya')], 'bank_account:025:1234567890'],
    ['TTB by its Thai names', [account('1234567890', 'ทีเอ็มบีธนชาต'), account('1234567890', 'ทีทีบี'), account('1234567890', 'TTB')], 'bank_account:011:1234567890'],
    ['a phone menu choice after a landline', [phone('โทร 02 123 4567 กด 1'), phone('02-123-4567')], 'phone:+6621234567'],
    ['a WhatsApp link is its phone number', [{ type: 'url', value: 'https://wa.me/66812345678' }, { type: 'url', value: 'wa.me/+66812345678' }, phone('081-234-5678')], 'phone:+66812345678'],
    ['a Telegram link names its account', [{ type: 'url', value: 'https://t.me/ScamChannel' }, { type: 'url', value: 't.me/scamchannel' }], 'social_profile:telegram:scamchannel'],
    ['a TikTok short link on tiktok.com itself', [{ type: 'url', value: 'https://www.tiktok.com/t/ZSabc123/' }, { type: 'url', value: 'tiktok.com/t/ZSabc123' }], 'url:short:tiktok.com/t/ZSabc123'],
    ['the LINE app link and an @ with a space', [{ type: 'line_id', value: 'line://ti/p/@shop123' }, { type: 'line_id', value: '@ shop123' }, { type: 'line_id', value: 'LINE: @Shop123' }], 'line_id:@shop123'],
    ['spaces around the @ of an address', [{ type: 'email', value: 'somchai @ hotmail.com' }, { type: 'email', value: 'somchai@hotmail.com' }], 'email:somchai@hotmail.com'],
    ['words apart from a national id', [{ type: 'national_id', value: 'ID 1101700230708 ค่ะ' }, { type: 'national_id', value: '1-1017-00230-70-8' }], 'thai_id:1101700230708'],
    ['a LINE id with its label in another box is the LINE id', [{ type: 'url', value: 'ID Line: somchai' }, { type: 'phone', value: 'LINE ID: somchai' }, { type: 'social_profile', value: 'ไลน์: somchai' }, { type: 'line_id', value: 'somchai' }], 'line_id:somchai'],
    ['a phone with its label in another box is the phone', [{ type: 'url', value: 'เบอร์ 0812345678' }, { type: 'social_profile', value: 'โทร 081-234-5678' }, { type: 'line_id', value: 'Tel 0812345678' }, { type: 'url', value: 'พร้อมเพย์ 0812345678' }], 'phone:+66812345678'],
    ['an account with its label in the phone box is the account', [{ type: 'phone', value: 'เลขบัญชี 123-4-56789-0 กสิกร' }, accountAlone('กสิกร 1234567890')], 'bank_account:004:1234567890'],
    ["a Facebook post's address names its author", [{ type: 'url', value: 'https://m.facebook.com/story.php?story_fbid=123&id=100012345678901' }, { type: 'url', value: 'https://www.facebook.com/permalink.php?story_fbid=9&id=100012345678901' }, { type: 'url', value: 'facebook.com/profile.php?id=100012345678901' }], 'social_profile:facebook:id:100012345678901'],
    ["a page's older address and the platform's name before an address", [{ type: 'url', value: 'https://www.facebook.com/pg/Deal.Shop99/about/' }, { type: 'social_profile', value: 'Facebook : https://facebook.com/dealshop99' }, { type: 'url', value: 'fb.com/dealshop99' }], 'social_profile:facebook:dealshop99'],
    ['an Instagram story names its account', [{ type: 'url', value: 'https://www.instagram.com/stories/deal_shop/3123456789/' }, { type: 'social_profile', value: 'IG: deal_shop' }], 'social_profile:instagram:deal_shop'],
    ["a LINE official account's page", [{ type: 'url', value: 'https://page.line.me/abc1234' }, { type: 'line_id', value: '@abc1234' }], 'line_id:@abc1234'],
    ["Shopee's app links", [{ type: 'url', value: 'https://shopee.co.th/universal-link/shop/123456789' }, { type: 'url', value: 'shopee.co.th/shop/123456789' }], 'url:shopee.co.th/shop/123456789'],
    ['a bank with its branch or an abbreviated company suffix', [account('1234567890', 'ธนาคารไทยพาณิชย์ สาขาสยาม'), account('1234567890', 'ธ.ไทยพาณิชย์ จก.(มหาชน)'), account('1234567890', 'SCB branch: Siam')], 'bank_account:014:1234567890'],
    ['a link-in-bio page is its name, in any case', [{ type: 'url', value: 'https://linktr.ee/ScamShop' }, { type: 'url', value: 'linktr.ee/scamshop/' }], 'url:linktr.ee/scamshop'],
    ['a Google form by its id', [{ type: 'url', value: 'https://docs.google.com/forms/d/e/1FAIpQLSabc123XYZ/viewform?usp=sf_link' }, { type: 'url', value: 'docs.google.com/forms/d/e/1FAIpQLSabc123XYZ/formResponse' }], 'url:docs.google.com/forms/1FAIpQLSabc123XYZ'],
    ["a Telegram channel's web page", [{ type: 'url', value: 'https://t.me/s/ScamChannel' }, { type: 'url', value: 't.me/scamchannel' }], 'social_profile:telegram:scamchannel'],
    ["an app in Apple's store by its id", [{ type: 'url', value: 'https://apps.apple.com/th/app/gold-invest-pro/id1234567890' }, { type: 'url', value: 'apps.apple.com/app/id1234567890?l=th' }], 'url:apps.apple.com/id1234567890'],
    ["an app in Google's store by its package", [{ type: 'url', value: 'https://play.google.com/store/apps/details?id=com.goldinvest.pro&hl=th' }, { type: 'url', value: 'play.google.com/store/apps/details?id=com.goldinvest.pro' }], 'url:play.google.com/com.goldinvest.pro'],
    ['a TestFlight invitation by its code', [{ type: 'url', value: 'https://testflight.apple.com/join/AbCd1234' }, { type: 'url', value: 'testflight.apple.com/join/AbCd1234/' }], 'url:testflight.apple.com/join/AbCd1234'],
    ['a code-hosting account by its name', [{ type: 'url', value: 'https://github.com/ScamDev/phish-kit' }, { type: 'url', value: 'github.com/scamdev' }], 'url:github.com/scamdev'],
    ['a Thai sentence around a LINE id, an address, a site, a profile', [{ type: 'line_id', value: 'แอดไลน์ @shop123 นะคะ' }, { type: 'line_id', value: 'ไลน์ร้าน @SHOP123 ค่ะ' }, { type: 'line_id', value: '@shop123' }], 'line_id:@shop123'],
    ['an address in a Thai sentence', [{ type: 'email', value: 'ส่งสลิปมาที่ som@example.com นะคะ' }, { type: 'email', value: 'ติดต่อ som [at] example.com ค่ะ' }, { type: 'email', value: 'som@example.com' }], 'email:som@example.com'],
    ['a site in a Thai sentence', [{ type: 'url', value: 'เข้าเว็บ scam-shop.com แล้วโอนเงิน' }, { type: 'url', value: 'ไปที่ www.scam-shop.com/promo ค่ะ' }, { type: 'url', value: 'https://scam-shop.com' }], 'url:scam-shop.com'],
    ['a profile address in a Thai sentence', [{ type: 'social_profile', value: 'เพจเฟส facebook.com/somchai.shop ค่ะ' }, { type: 'url', value: 'https://www.facebook.com/somchai.shop' }], 'social_profile:facebook:somchaishop'],
    ["a mobile whose leading 0 a spreadsheet dropped", [phone('812345678'), phone('0812345678')], 'phone:+66812345678'],
    ['a platform name and an @handle without a colon', [{ type: 'social_profile', value: 'tiktok @Fake.Shop' }, { type: 'social_profile', value: 'TikTok: fake.shop' }, { type: 'url', value: 'tiktok.com/@fake.shop' }], 'social_profile:tiktok:fake.shop'],
    ['dashes from word processors and PDFs: hyphens, en and em dashes, the minus sign', [phone('081\u2010234\u20105678'), phone('081\u2011234\u20115678'), phone('081\u2013234\u20135678'), phone('081\u2014234\u20145678'), phone('081\u2212234\u22125678'), phone('081\uFE63234\uFE635678')], 'phone:+66812345678'],
    ['a label, then a dash', [{ type: 'line_id', value: 'ID Line - somchai' }, { type: 'line_id', value: 'ID Line \u2014 somchai' }, { type: 'line_id', value: 'ไลน์ - somchai' }], 'line_id:somchai'],
    ['PromptPay with a longer label', [{ type: 'promptpay', value: 'เบอร์พร้อมเพย์ 0812345678' }, { type: 'promptpay', value: 'หมายเลขพร้อมเพย์: 081-234-5678' }, { type: 'promptpay', value: 'PromptPay ID 0812345678' }], 'phone:+66812345678'],
    ['a bank by brand, transliteration, company prefix, `ธ` without its dot, and bank-code label', [
      account('1234567890', 'เคแบงก์'), account('1234567890', 'บมจ.ธนาคารกสิกรไทย'), account('1234567890', 'ธ กสิกรไทย'), account('1234567890', 'รหัสธนาคาร 004'),
      account('1234567890', 'Bank code: 004'), account('1234567890', 'ธนาคารกสิกรไทย (KBANK) 004'),
    ], 'bank_account:004:1234567890'],
    ['BankThai, a former name shaped like a BIC', [account('1234567890', 'BankThai'), account('1234567890', 'CIMB Thai')], 'bank_account:022:1234567890'],
    ['GHB by its brand', [account('123456789012', 'GH Bank'), account('123456789012', 'ธอส.')], 'bank_account:033:123456789012'],
    ['ICBC (Thai) by its legal name', [account('1234567890', 'Industrial and Commercial Bank of China (Thai)'), account('1234567890', 'ICBC')], 'bank_account:070:1234567890'],
    ['SME D Bank by its Thai legal name', [account('1234567890', 'ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย'), account('1234567890', 'SME D Bank')], 'bank_account:098:1234567890'],
    ["redirectors' links identify what they wrap", [
      { type: 'url', value: 'https://www.google.com/url?q=https://scam-shop.com/&sa=D' }, { type: 'url', value: 'https://www.google.co.th/url?sa=t&url=https%3A%2F%2Fscam-shop.com%2Fx' },
      { type: 'url', value: 'https://l.instagram.com/?u=https%3A%2F%2Fscam-shop.com%2F&e=AT0' }, { type: 'url', value: 'https://l.messenger.com/l.php?u=https%3A%2F%2Fscam-shop.com%2F' },
      { type: 'url', value: 'https://www.youtube.com/redirect?event=video&q=https%3A%2F%2Fscam-shop.com' }, { type: 'url', value: 'https://www.google.com/amp/s/scam-shop.com/promo' },
    ], 'url:scam-shop.com'],
    ['a platform named before a handle, in English or Thai', [
      { type: 'social_profile', value: 'FB happykitchen.shop' }, { type: 'social_profile', value: 'เฟส happykitchen.shop' }, { type: 'social_profile', value: 'เฟซบุ๊ก: happykitchen.shop' },
      { type: 'social_profile', value: 'https://www.facebook.com/happykitchen.shop' },
    ], 'social_profile:facebook:happykitchenshop'],
    ['Instagram and TikTok named in Thai', [{ type: 'social_profile', value: 'ไอจี shop.ig' }, { type: 'social_profile', value: 'อินสตาแกรม: @shop.ig' }, { type: 'social_profile', value: 'instagram.com/shop.ig' }], 'social_profile:instagram:shop.ig'],
    ['TikTok named in Thai', [{ type: 'social_profile', value: 'ติ๊กต๊อก @shop.tt' }, { type: 'social_profile', value: 'tiktok.com/@shop.tt' }], 'social_profile:tiktok:shop.tt'],
    ['e-mail spelled out, and mailto with a subject', [{ type: 'email', value: 'somchai at gmail dot com' }, { type: 'email', value: 'mailto:somchai@gmail.com?subject=hi' }, { type: 'email', value: 'somchai@gmail.com' }], 'email:somchai@gmail.com'],
  ])('%s', (_, forms, expected) => {
    expect(forms.map(identity)).toEqual(forms.map(() => expected));
  });

  it.each<[string, ReportedIdentifier, string]>([
    ['two numbers in one box are refused, not read as one', phone('081-234-5678, 089-999-9999'), 'refused:not_a_phone_number'],
    ['two accounts in one box are refused', accountAlone('KBANK 1234567890 / 0987654321'), 'refused:wrong_account_length'],
    ['a bank field and a value that name two banks are refused', account('SCB 1234567890', 'KBANK'), 'refused:unknown_bank'],
    ['two banks named in the value are refused', accountAlone('KBANK 1234567890 (SCB)'), 'refused:unknown_bank'],
    ['a branch named after a city is not a bank', account('1234567890 สาขา กรุงเทพ', 'KBANK'), 'bank_account:004:1234567890'],
    ['words that name no bank leave the account without one', accountAlone('เลขบัญชี 1234567890'), 'refused:bank_missing'],
    ['a LINE label before a phone number in the phone box leaves it a phone', phone('line: 081-234-5678'), 'phone:+66812345678'],
    ['a label of another type that its value does not fit leaves the box to decide', phone('อีเมล 081-234-5678'), 'phone:+66812345678'],
    ['a short Facebook path is a page of the site, not a user (every /pg/ would be one "user")', { type: 'url', value: 'https://www.facebook.com/pg' }, 'refused:identifies_nobody'],
    ["Instagram's own short paths name nobody", { type: 'url', value: 'https://www.instagram.com/s/aGlnaGxpZ2h0' }, 'refused:identifies_nobody'],
    ['an Instagram highlight names no account by its address', { type: 'url', value: 'https://www.instagram.com/stories/highlights/17912345678901234/' }, 'refused:identifies_nobody'],
    ['a Facebook user name has five characters at least', { type: 'url', value: 'https://www.facebook.com/tr' }, 'refused:not_a_profile'],
    ['two Google Maps short links are two links, not one site', { type: 'url', value: 'https://maps.app.goo.gl/AbC123' }, 'url:short:maps.app.goo.gl/AbC123'],
    ['a Google Forms short link is itself, not forms.gle', { type: 'url', value: 'forms.gle/XyZ789' }, 'url:short:forms.gle/XyZ789'],
    ["a page of Apple's or Amazon's site names nobody", { type: 'url', value: 'https://www.amazon.com/dp/B0123456' }, 'refused:identifies_nobody'],
    ['an account masked as a transfer slip shows it identifies nobody', accountAlone('KBANK xxx-x-x5678-x'), 'refused:wrong_account_length'],
    ['a phone with hidden digits identifies nobody', phone('081-xxx-5678'), 'refused:not_a_phone_number'],
    ['an extension written x after a number is not a hidden digit', phone('02 888 8888 x 45'), 'phone:+6628888888'],
    ['two sites in one Thai sentence are refused, not one picked', { type: 'url', value: 'เว็บ scam-shop.com และ scam2.com' }, 'refused:not_a_url'],
    ['two LINE ids in one value are refused', { type: 'line_id', value: '@shop123 หรือ @shop456' }, 'refused:not_a_line_id'],
    ['a link-in-bio host without a name names nobody', { type: 'url', value: 'https://bio.link/' }, 'refused:identifies_nobody'],
    ['a bank by name and short name of two banks is refused', account('1234567890', 'KBANK (SCB)'), 'refused:unknown_bank'],
    ['a Telegram invitation names its group, not an account', { type: 'url', value: 'https://t.me/joinchat/AbCdEf' }, 'url:invite:t.me/+AbCdEf'],
    ['t.me/+ and a number is a chat with that number', { type: 'url', value: 'https://t.me/+66812345678' }, 'phone:+66812345678'],
    ['Marketplace itself names nothing', { type: 'url', value: 'https://www.facebook.com/marketplace/bangkok/' }, 'refused:identifies_nobody'],
    ['a WhatsApp group link without its code names nobody', { type: 'url', value: 'https://chat.whatsapp.com/' }, 'refused:identifies_nobody'],
    ['a LINE OpenChat invitation is case-sensitive: two codes are two groups', { type: 'url', value: 'line.me/ti/g2/abcdefghijkl' }, 'url:invite:line.me/ti/g2/abcdefghijkl'],
    ['a vt.tiktok.com link without its code names nobody', { type: 'url', value: 'https://vt.tiktok.com/' }, 'refused:identifies_nobody'],
    ['tiktok.com/t without a code names nobody', { type: 'url', value: 'https://www.tiktok.com/t/' }, 'refused:identifies_nobody'],
    ['a YouTube video names no channel', { type: 'url', value: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }, 'refused:identifies_nobody'],
    ['an extension after #', phone('02-123-4567#12'), 'phone:+6621234567'],
    ['quotation marks around a value', { type: 'line_id', value: '"somchai"' }, 'line_id:somchai'],
    ["Facebook's short link of a post or event", { type: 'url', value: 'https://fb.me/e/AbC123' }, 'url:short:fb.me/e/AbC123'],
    ['an affiliate short link is itself', { type: 'url', value: 'https://invol.co/cl3AbCd' }, 'url:short:invol.co/cl3AbCd'],
    ['curly quotation marks around an address', { type: 'email', value: '“somchai@gmail.com”' }, 'email:somchai@gmail.com'],
    ['one number written twice is that number', phone('เบอร์ 081-234-5678, 0812345678'), 'phone:+66812345678'],
    ['a trunk (0) after a country code without its +', phone('66 (0) 81 234 5678'), 'phone:+66812345678'],
    ['a service number dialled with *', phone('*1441'), 'refused:service_number'],
    ['a service number dialled with # (never an empty extension)', phone('#1212'), 'refused:service_number'],
    ['a three-digit emergency number', phone('โทร 191'), 'refused:service_number'],
  ])('%s', (_, form, expected) => {
    expect(identity(form)).toBe(expected);
  });
});


/** What must never link: each pair reduces to two different identities, or one of them to nothing. */
describe('traps that must not link', () => {
  it.each<[string, ReportedIdentifier, ReportedIdentifier]>([
    ['two bit.ly links are two links, not one site', { type: 'url', value: 'https://bit.ly/3AbCdEf' }, { type: 'url', value: 'https://bit.ly/9XyZ123' }],
    ['two shorturl.at links', { type: 'url', value: 'shorturl.at/abcD1' }, { type: 'url', value: 'shorturl.at/wxyZ9' }],
    ['a short code differs by case', { type: 'url', value: 'https://tinyurl.com/AbCdE' }, { type: 'url', value: 'https://tinyurl.com/abcde' }],
    ['a short link is never the long URL it may point to', { type: 'url', value: 'https://cutt.ly/shopdeal' }, { type: 'url', value: 'https://shopdeal.com' }],
    ['vt.tiktok.com links are not TikTok accounts', { type: 'url', value: 'https://vt.tiktok.com/ZSabc123/' }, { type: 'url', value: 'https://vt.tiktok.com/ZSxyz789/' }],
    ['two m.me pages', { type: 'url', value: 'm.me/shop.one' }, { type: 'url', value: 'm.me/shop.two' }],
    ['two Google Maps short links', { type: 'url', value: 'https://maps.app.goo.gl/AbC123' }, { type: 'url', value: 'https://maps.app.goo.gl/XyZ789' }],
    ['two Google forms', { type: 'url', value: 'https://docs.google.com/forms/d/e/1FAIpQLSaaaaaaaaaa/viewform' }, { type: 'url', value: 'https://docs.google.com/forms/d/e/1FAIpQLSbbbbbbbbbb/viewform' }],
    ['two link-in-bio pages', { type: 'url', value: 'bio.link/shop_one' }, { type: 'url', value: 'bio.link/shop_two' }],
    ['two apps in the App Store', { type: 'url', value: 'https://apps.apple.com/th/app/a/id1111111111' }, { type: 'url', value: 'https://apps.apple.com/th/app/b/id2222222222' }],
    ['two Medium writers', { type: 'url', value: 'https://medium.com/@writer.one' }, { type: 'url', value: 'https://medium.com/@writer.two' }],
    ['two forms.gle links', { type: 'url', value: 'forms.gle/AbC123' }, { type: 'url', value: 'forms.gle/XyZ789' }],
    ['two instagr.am handles', { type: 'url', value: 'instagr.am/shop_one' }, { type: 'url', value: 'instagr.am/shop_two' }],
    ['the link shim of two sites', { type: 'url', value: 'https://l.facebook.com/l.php?u=https%3A%2F%2Fshop-one.com%2F' }, { type: 'url', value: 'https://l.facebook.com/l.php?u=https%3A%2F%2Fshop-two.com%2F' }],
    ['the same digits at two banks named by BIC', account('1234567890', 'KASITHBK'), account('1234567890', 'SICOTHBK')],
    ['a Cambodian and a Thai number with the same digits', phone('+855 81 234 5678'), phone('081-234-5678')],
    ['a name in brackets is not part of the number', phone('081-234-5678 (คุณเอ)'), phone('081-234-5679 (คุณเอ)')],
    ['two PromptPay numbers in one value are not one', { type: 'promptpay', value: '081-234-5678 และ 089-111-2222' }, phone('081-234-5678')],
    ['two numbers with a count beside them are still two', phone('081-234-5678 หรือ 089-111-2222 (3 ครั้ง)'), phone('081-234-5678')],
    ['two webmail addresses filed as sites are not the site gmail.com', { type: 'url', value: 'https://gmail.com/' }, { type: 'url', value: 'mail.google.com' }],
    ['a phishing link that puts a bank before @ is the host after it', { type: 'url', value: 'https://www.kasikornbank.com@kbank-th-verify.com/login' }, { type: 'url', value: 'kasikornbank.com' }],
    ['Bangkok the city is not Bangkok Bank', accountAlone('โอนเข้าบัญชีกรุงเทพ 1234567890'), account('1234567890', 'BBL')],
    ['two banks inside Thai words name no bank', accountAlone('1234567890 โอนจากกสิกรไปไทยพาณิชย์'), account('1234567890', 'KBANK')],
    ['two links among words are not one', { type: 'url', value: 'Deal Beauty scam-one.com scam-two.com' }, { type: 'url', value: 'scam-one.com' }],
    ['two members of one group are not the group', { type: 'url', value: 'https://www.facebook.com/groups/987654321/user/100011111111111/' }, { type: 'url', value: 'https://www.facebook.com/groups/987654321/user/100022222222222/' }],
    ["two products of Facebook's shops are not one profile", { type: 'url', value: 'https://www.facebook.com/commerce/products/1111111/' }, { type: 'url', value: 'https://www.facebook.com/commerce/products/2222222/' }],
    ["X's own pages are nobody's profile", { type: 'url', value: 'https://x.com/login' }, { type: 'url', value: 'https://twitter.com/login?redirect=1' }],
    ["Shopee's own pages are no shop", { type: 'url', value: 'https://shopee.co.th/checkout' }, { type: 'url', value: 'https://shopee.co.th/checkout/?state=1' }],
    ['a handle under two platforms names neither', { type: 'social_profile', value: 'FB/IG: shop.deal' }, { type: 'social_profile', value: 'IG: shop.deal' }],
    ['two Linkly links', { type: 'url', value: 'https://l.linklyhq.com/l/AbC1' }, { type: 'url', value: 'https://l.linklyhq.com/l/XyZ9' }],
    ['two affiliate links', { type: 'url', value: 'https://invol.co/cl3AbCd' }, { type: 'url', value: 'https://invol.co/cl9XyZw' }],
    ['two sites behind one redirector', { type: 'url', value: 'https://www.google.com/url?q=https://shop-one.com/' }, { type: 'url', value: 'https://www.google.com/url?q=https://shop-two.com/' }],
    ['a display name after a platform is not a handle: `FB Somchai` stays unread', { type: 'social_profile', value: 'FB Somchai' }, { type: 'social_profile', value: 'facebook.com/somchai' }],

  ])('%s', (_, one, other) => {
    const [a, b] = [identity(one), identity(other)];
    expect(a.startsWith('refused:') || b.startsWith('refused:') || a !== b).toBe(true);
  });

  it.each<[string, ReportedIdentifier]>([
    ["a shortener's bare host", { type: 'url', value: 'https://bit.ly/' }],
    ['a share link without its code', { type: 'url', value: 'https://www.facebook.com/share/' }],
    ['the link shim without its address', { type: 'url', value: 'https://l.facebook.com/l.php' }],
    ['m.me alone', { type: 'url', value: 'https://m.me/' }],
    ['a bank named by a code and the name of another', account('1234567890', 'KBANK (014)')],
    ["a BIC beside another bank's name or code", account('1234567890', 'KASITHBK (SCB)')],
    ["a BIC beside another bank's code", account('1234567890', 'SICOTHBK / 004')],
    ["a bank's code before an account of another bank", account('004-1234567890', 'SCB')],
    ['a display name in Thai script, with its platform after it', { type: 'social_profile', value: 'สมชาย (FB)' }],
    ['a plain word without an @ (a display name as much as a handle)', { type: 'social_profile', value: 'Somchai' }],
    ["a wallet's account that is neither a phone nor a wallet id", account('1234567890', 'True Money')],
    ['a wallet and a bank named together', account('0812345678', 'TrueMoney / กสิกร')],
    ['a label with nothing after it', phone('เบอร์โทร:')],
    ...['unknown', 'N/A', 'ไม่ทราบ', '-', 'none'].map((placeholder): [string, ReportedIdentifier] => [`a placeholder in the LINE box: ${placeholder}`, { type: 'line_id', value: placeholder }]),
    ['a placeholder after its label', { type: 'line_id', value: 'ID Line: unknown' }],
    ['an account of one digit repeated', account('000-0-00000-0', 'KBANK')],
    ['a toll-free number', phone('1-800-123-456')],
    ['a redirector without its address', { type: 'url', value: 'https://www.google.com/url' }],
  ])('%s identifies nobody, and says why', (_, subject) => {
    const result = normaliseIdentifier(subject);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe('labels are data, and never eat a value', () => {
  it('leaves a value that only begins like a label', () => {
    expect(stripLabels('url', 'website.com/shop')).toBe('website.com/shop');
    expect(stripLabels('email', 'emailme@example.com')).toBe('emailme@example.com');
    expect(stripLabels('line_id', 'line123')).toBe('line123');
    expect(stripLabels('line_id', 'lineid1234')).toBe('lineid1234');
    expect(stripLabels('url', 'web.facebook.com/dealbeauty45')).toBe('web.facebook.com/dealbeauty45');
  });

  it("leaves names and shop names as written (a shop may be called ร้าน…)", () => {
    expect(stripLabels('shop_name', 'ร้าน: ของดีราคาถูก')).toBe('ร้าน: ของดีราคาถูก');
    expect(stripLabels('person_name', 'คุณเอ (แอดมิน)')).toBe('คุณเอ (แอดมิน)');
  });

  it('keeps a remark with a digit in it: it may be part of the value', () => {
    expect(stripLabels('phone', '081-234-5678 (ต่อ 12)')).toBe('081-234-5678 (ต่อ 12)');
  });
});

describe('the bank list is consistent', () => {
  it('every BIC resolves to one bank, and no name of one bank names another', () => {
    const bics: Array<[string, string]> = [
      ['BKKBTHBK', '002'], ['KASITHBK', '004'], ['KRTHTHBK', '006'], ['TMBKTHBK', '011'], ['SICOTHBK', '014'], ['UBOBTHBK', '022'], ['UOVBTHBK', '024'],
      ['AYUDTHBK', '025'], ['GSBATHBK', '030'], ['GOHUTHB1', '033'], ['BAABTHBK', '034'], ['TIBTTHBK', '066'], ['TFPCTHB1', '067'], ['KKPBTHBK', '069'],
      ['ICBKTHBK', '070'], ['THCETHB1', '071'], ['LAHRTHB1', '073'], ['SMEBTHB1', '098'],
    ];
    for (const [bic, code] of bics) expect([bic, resolveBank(bic)?.code]).toEqual([bic, code]);
    expect(resolveBank('ABCDTHBK')).toBeUndefined();
  });
});

describe('a number with hidden digits', () => {
  it.each<ReportedIdentifier>([accountAlone('KBANK xxx-x-x5678-x'), account('XXX-X-X5678-X', 'SCB'), phone('081-xxx-5678'), phone('***5678')])('%j is refused with a reason staff can act on', (subject) => {
    const result = normaliseIdentifier(subject);
    expect(result.ok ? 'linked' : result.message).toMatch(/hidden digits.*ask for the whole number/);
  });
});

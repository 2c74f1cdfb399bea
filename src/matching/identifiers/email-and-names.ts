import { canonical, cleanInput, invalid, maskHandle, soleToken, type Normalised } from './identifier.js';

/** An address inside a sentence, `[at]` and all. */
const ADDRESS_TOKEN = /<?[a-z0-9._%+-]+\s*(?:@|\[at\]|\(at\))\s*[a-z0-9.[\]()-]+\.[a-z]{2,}>?/gi;

/** Providers that ignore dots and `+tags` in the local part, so people type the same address many ways. */
const DOTLESS_PROVIDERS = new Set(['gmail.com', 'googlemail.com']);

/** An address and nothing else, without a scheme (`https://bank.com@evil.com` is a URL whose host is evil.com). */
export function looksLikeEmail(text: string): boolean {
  return /^<?[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}>?$/i.test(text);
}

/** An e-mail address, lower case; Gmail addresses without dots or `+tag`. */
export function normaliseEmail(value: string): Normalised {
  const cleaned = soleToken(cleanInput(value), ADDRESS_TOKEN);
  // `Somchai Jaidee <somchai@example.com>`: the address in angle brackets, the display name dropped.
  const address = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(cleaned)?.[1] ?? cleaned;
  // The full stop or comma of the sentence it was pasted from, and `[at]`/`[.]` written to defeat harvesters, go.
  const text = address.replace(/^mailto:([^?]*)(\?.*)?$/i, '$1')
    // `somchai at gmail dot com`: spelled out, as it is read aloud or hidden from harvesters.
    .replace(/^([a-z0-9._%+-]+)\s+at\s+([a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)+)$/i, (_, local: string, domain: string) => `${local}@${domain.replace(/\s+dot\s+/gi, '.')}`).replace(/^(e-?mail|อีเมล)\s*[:：]\s*/i, '').replace(/[.,;:!?)\]]+$/, '').replace(/\s*@\s*/, '@')
    .replace(/\s*[[(]at[\])]\s*/gi, '@').replace(/\s*[[(](dot|\.)[\])]\s*/gi, '.')
    // `somchai@gmail,com`: a comma for the last dot, as phone keyboards put it.
    .replace(/(@[a-z0-9.-]+),([a-z]{2,})$/i, '$1.$2').toLowerCase();
  if (text === '') return invalid('empty', 'The e-mail address is empty.');
  const match = /^([a-z0-9._%+-]{1,64})@([a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})$/.exec(text);
  if (!match) return invalid('not_an_email', `"${value}" is not an e-mail address.`);
  let local = match[1]!;
  let domain = match[2]!;
  if (DOTLESS_PROVIDERS.has(domain)) {
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
    domain = 'gmail.com';
  }
  if (local === '') return invalid('not_an_email', `"${value}" has no mailbox name.`);
  return canonical('email', `${local}@${domain}`, `${maskHandle(local)}@${domain}`);
}

/** Thai and English titles and honorifics, longest first so นางสาว wins over นาง. */
const TITLES = [
  'นางสาว', 'น.ส.', 'นส.', 'ด.ช.', 'ด.ญ.', 'เด็กชาย', 'เด็กหญิง', 'นาย', 'นาง', 'คุณ', 'ดร.', 'ว่าที่ร้อยตรี', 'ว่าที่ ร.ต.',
  'mrs.', 'mrs', 'miss', 'mr.', 'mr', 'ms.', 'ms', 'dr.', 'khun',
];

/**
 * A person's name, weak: it never links cases, it only suggests. NFC, one space
 * between words, titles (นาย, นาง, นางสาว, Mr, …) removed, Latin in lower case.
 */
export function normalisePersonName(value: string): Normalised {
  let text = cleanInput(value).replace(/\s+/g, ' ').toLowerCase();
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const title of TITLES) {
      // A Latin title is a word of its own; a Thai one is written joined to the name.
      const isLatin = /^[a-z]/.test(title);
      if (text.startsWith(title) && (!isLatin || text.length === title.length || /[\s.]/.test(text[title.length]!))) {
        text = text.slice(title.length).replace(/^[\s.]+/, '');
        stripped = true;
        break;
      }
    }
  }
  text = text.replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(text)) return invalid('not_a_name', `"${value}" has no letters.`);
  return canonical('person_name', text, `${[...text][0]}…`);
}

/** A shop's name, weak: lower case, no spaces or punctuation. */
export function normaliseShopName(value: string): Normalised {
  const text = cleanInput(value).toLowerCase().replace(/^(ร้าน|shop|store)\s*/u, '').replace(/[\s\p{P}\p{S}]/gu, '');
  if (!/\p{L}/u.test(text)) return invalid('not_a_name', `"${value}" has no letters.`);
  return canonical('shop_name', text, `${[...text][0]}…`);
}

import { parse as parseDomain } from 'tldts';
import { looksLikePhone, normalisePhone } from './phone.js';
import { canonical, cleanInput, invalid, maskHandle, soleToken, soleTokenInThai, type Normalised } from './identifier.js';

/** Query parameters that track a click and identify nothing. */
const TRACKING_PARAMETERS = /^(utm_.*|fbclid|gclid|dclid|msclkid|mibextid|igshid|igsh|sfnsn|rdid|share_url|s|si|ref|ref_src|_rdc|_rdr|sp_atk|xptdk|spm|scm|from|is_from_webapp|sender_device|_t|_r|tt_from|share_app_id|share_link_id|feature)$/i;

/** What a web address looks like inside a sentence: a scheme or a dotted host with a letter TLD, and a path. */
const URL_TOKEN = /(?:[a-z][a-z0-9+.-]*:\/\/)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?::[0-9]+)?(?:\/[^\s]*)?/gi;
/** A profile inside a sentence: an address with a path, or an @handle. */
const PROFILE_TOKEN = /(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s]+|@[a-z0-9._-]{2,100}/gi;
/** A LINE id or link inside a sentence. */
const LINE_AT_TOKEN = /(?<=^|[\s(:：])@[a-z0-9._-]{3,40}(?=$|[\s),])/gi;
const LINE_TOKEN = /(?:https?:\/\/|line:\/\/)?[@~]?[a-z0-9._/-]{3,80}/gi;

/** Host prefixes that name the same site: mobile, basic and web front-ends. */
const SAME_SITE_PREFIX = /^(www\d*|m|mobile|web|mbasic|touch|th)\./;

const FACEBOOK_HOSTS = new Set(['facebook.com', 'fb.com', 'fb.me', 'facebook.co.th']);
/** Facebook paths that are pages of the site, not somebody's profile. */
const FACEBOOK_RESERVED = new Set([
  '', 'home.php', 'login', 'login.php', 'watch', 'marketplace', 'groups', 'events', 'gaming', 'reel', 'reels', 'stories', 'share', 'sharer',
  'sharer.php', 'photo', 'photo.php', 'photos', 'help', 'settings', 'search', 'hashtag', 'pages', 'policies', 'privacy', 'business', 'ads',
  'messages', 'notifications', 'friends', 'bookmarks', 'permalink.php', 'story.php', 'dialog', 'plugins', 'l.php', 'recover',
  'video.php', 'videos', 'video', 'media', 'fundraisers', 'places', 'public', 'checkpoint', 'profile', 'comment', 'messenger', 'memories',
  'saved', 'offers', 'games', 'gaming', 'legal', 'terms', 'about', 'careers', 'community', 'notes', 'latest', 'donate',
  'commerce', 'shops', 'subscriptions', 'mobile', 'support', 'watchparty', 'weather', 'story', 'campaign', 'instantgames', 'fundraiser',
  'creators', 'developers', 'whitehat', 'security', 'onthisday', 'appcenter', 'directory', 'find-friends', 'lists', 'feeds', 'composer',
  'confirmemail.php', 'r.php', 'reel.php',
]);
const INSTAGRAM_RESERVED = new Set(['', 'p', 'reel', 'reels', 'explore', 'stories', 'accounts', 'direct', 'tv', 's', 'about', 'legal', 'developer', 'web', 'challenge', 'emails', 'api', 'oauth', 'ar', 'create', 'highlights', 'shop', 'topics', 'lite']);
const TIKTOK_RESERVED = new Set(['', 'foryou', 'following', 'explore', 'live', 'discover', 'tag', 'music']);
const TELEGRAM_RESERVED = new Set(['joinchat', 'addstickers', 'share', 'proxy', 'socks', 'setlanguage', 'iv', 'addtheme']);
const X_RESERVED = new Set([
  '', 'home', 'explore', 'search', 'i', 'intent', 'share', 'settings', 'notifications', 'messages', 'hashtag', 'login', 'logout', 'signup',
  'compose', 'tos', 'privacy', 'account', 'download', 'jobs', 'about', 'help',
]);

/**
 * URL shorteners (data: add a host here when a new one shows up). A short link identifies only itself, the whole
 * short URL with its case-sensitive code: never its host (every bit.ly link is not one site) and never the long URL it
 * points to (the hub does not follow links, so it cannot know).
 */
export const SHORTENER_HOSTS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 'cutt.ly', 'shorturl.at', 'shorturl.asia', 'rebrand.ly', 'ow.ly', 'is.gd', 'v.gd', 'rb.gy', 's.id', 't.ly',
  'tiny.cc', 'goo.gl', 't.co', 'lnkd.in', 'buff.ly', 'short.gy', 'shorten.asia', 'link.in.th', 'u.to',
  'shp.ee', 'shope.ee', 's.shopee.co.th', 'c.lazada.co.th', 's.lazada.co.th', 'lin.ee', 'vt.tiktok.com', 'vm.tiktok.com', 'fb.watch', 'youtu.be',
  // Google Forms' and Maps' short links (`maps.app.goo.gl`: a subdomain of a shortener is one too), app links.
  'forms.gle', 'g.co', 'page.link', 'app.link', 'onelink.me', 'a.co', 'amzn.to', 'aka.ms', 'bit.do', 'qrco.de', 'reurl.cc', 'lihi.cc', 'lihi1.com',
  'pse.is', 'ppt.cc', 'x.gd', 'gg.gg', 'cli.re', 'tiny.one', 'discord.gg', '1drv.ms',
  'lzd.co', 'tny.im', 'bl.ink', 'dub.sh', 'surl.li', 'clck.ru', 'trib.al', 'pin.it', 'redd.it', 'wa.link', 'ln.run', 'han.gl', 'me2.do',
  'naver.me', 'vo.la', 'shorturl.me', 'shrtco.de', 'cutt.us', 'soo.gd', 'snip.ly', 'hyperurl.co', 'tinu.be', 'ouo.io', 'adf.ly', 'sh.st', 'bc.vc',
  'shorte.st', 'zpr.io', 'po.st', 'ift.tt', 'db.tt', 'apple.co', 'spoti.fi', 'flic.kr', 'smarturl.it', 'lnk.to', 'qr.net', 'qrs.ly', 'l.ead.me',
  'urlz.fr', 'rotf.lol', 'kutt.it', 'linklyhq.com', 'shorturl.ae', 'tinyurl.is', 'short.io', 'bitly.ws',
  // Involve Asia's affiliate links (Shopee and Lazada sellers' ads), Linktree's and ME-QR's short links.
  'invol.co', 'tr.ee', 'me-qr.com',
]);

/**
 * Hosts where the first segment of the path names whose page it is (link-in-bio pages): `bio.link/<name>` identifies
 * `<name>`'s page, never the host (every bio.link page is not one site). Names are case-insensitive there.
 */
export const PATH_NAMED_HOSTS: ReadonlySet<string> = new Set([
  'linktr.ee', 'bio.link', 'beacons.ai', 'taplink.cc', 'lnk.bio', 'msha.ke', 'campsite.bio', 'allmylinks.com', 'heylink.me', 'linkin.bio', 'solo.to',
  'linkr.bio', 'tap.bio', 'hoo.be', 'many.link', 'snipfeed.co', 'koji.to', 'linkbio.co', 'linkby.me', 'github.com', 'gitlab.com',
]);
/** Platform paths that are short links too: `facebook.com/share/<code>` (a share link of a post, a page or a profile). */
const SHORT_PATHS: ReadonlyArray<{ domain: string; first: string }> = [
  { domain: 'facebook.com', first: 'share' }, { domain: 'tiktok.com', first: 't' }, { domain: 'discord.com', first: 'invite' },
  // WhatsApp Business's message link: a code, not a number.
  { domain: 'wa.me', first: 'message' },
  // Facebook's short link of an event or a post (`fb.me/e/<code>`); `fb.me/<name>` is the page `<name>`.
  { domain: 'fb.me', first: 'e' },
];

/** Other names of a platform's site: `instagr.am/<handle>` is `instagram.com/<handle>`. */
/**
 * Redirectors, by host (as parsed: `www.` dropped) and first path segment: the address in the first of `params`
 * present is where the victim was sent. A link shim (Facebook's, Messenger's, Instagram's, Threads'), a search
 * result's link, YouTube's warning page before an outside link.
 */
const REDIRECTS: ReadonlyArray<{ hosts: readonly string[]; first: string; params: readonly string[] }> = [
  { hosts: ['l.facebook.com', 'lm.facebook.com', 'l.messenger.com'], first: 'l.php', params: ['u'] },
  { hosts: ['l.instagram.com', 'l.threads.net', 'l.threads.com'], first: '', params: ['u'] },
  { hosts: ['google.com', 'google.co.th'], first: 'url', params: ['q', 'url'] },
  { hosts: ['youtube.com'], first: 'redirect', params: ['q'] },
];
const DOMAIN_ALIASES: Readonly<Record<string, string>> = { 'instagr.am': 'instagram.com', 'fb.com': 'facebook.com', 'facebook.co.th': 'facebook.com' };

/**
 * Platforms whose own pages identify nobody: their home page, and every path not
 * handled by a rule below, is refused rather than treated as a stand-alone site.
 */
const PLATFORM_DOMAINS = new Set([
  'facebook.com', 'fb.com', 'fb.me', 'facebook.co.th', 'messenger.com', 'instagram.com', 'tiktok.com', 'twitter.com', 'x.com', 'youtube.com',
  'youtu.be', 'line.me', 'lin.ee', 'shopee.co.th', 'lazada.co.th', 'google.com', 'google.co.th', 'pantip.com', 'kaidee.com', 'jd.co.th',
  'nocnoc.com', 'tiktokshop.com', 'wa.me', 'whatsapp.com', 't.me', 'telegram.me', 'm.me', 'instagr.am',
  // Sites whose pages are everyone's, by path: a page names its owner only by a rule below, the host never.
  'apple.com', 'linkedin.com', 'pinterest.com', 'reddit.com', 'discord.com', 'threads.net', 'threads.com', 'zalo.me', 'amazon.com', 'aliexpress.com',
  'temu.com', 'shein.com', 'ebay.com', 'notion.so', 'canva.com', 'dropbox.com', 'mega.nz', 'live.com', 'microsoft.com', 'telegram.org', 'signal.me',
  // Webmail: `somchai@gmail.com` pasted as a URL would otherwise be the site gmail.com, and link everyone's mail.
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.th', 'outlook.com', 'outlook.co.th', 'yahoo.com', 'yahoo.co.th', 'icloud.com',
  'proton.me', 'protonmail.com', 'msn.com',
]);

export interface ParsedUrl {
  /** Host without `www.`, `m.`, `web.`, `mbasic.`, lower case. */
  host: string;
  /** The path as written (case kept, no trailing slash): a short link's code is case-sensitive. */
  path: string;
  /** Registrable domain (public suffix list). */
  domain: string;
  /** Path segments, decoded, without empty ones (so no trailing slash). */
  segments: string[];
  /** Query parameters other than tracking ones. */
  query: URLSearchParams;
}

/** Parses what people paste: no scheme, upper case, spaces, Thai punctuation around it. */
export function parseLooseUrl(value: string): ParsedUrl | undefined {
  // A trailing `…` is the ellipsis of a link shortened for display, as `...` is.
  let text = refang(cleanInput(value)).replace(/^[<("'“]+|[>)"'”.,;…]+$/g, '');
  if (text === '' || /\s/.test(text)) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const parsed = parseDomain(url.hostname);
  if (!parsed.domain || parsed.isIp || !parsed.publicSuffix || !parsed.isIcann && !parsed.isPrivate) return undefined;
  let host = url.hostname.toLowerCase().replace(/\.$/, '');
  while (SAME_SITE_PREFIX.test(host) && host !== parsed.domain) host = host.replace(SAME_SITE_PREFIX, '');
  const query = new URLSearchParams();
  for (const [name, parameter] of url.searchParams) if (!TRACKING_PARAMETERS.test(name)) query.append(name, parameter);
  const segments = url.pathname.split('/').filter((segment) => segment !== '').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const domain = DOMAIN_ALIASES[parsed.domain.toLowerCase()] ?? parsed.domain.toLowerCase();
  return { host: DOMAIN_ALIASES[host] ?? host, domain, path: url.pathname.replace(/\/+$/, ''), segments, query };
}

/**
 * A link written so that it cannot be clicked, as security teams and careful victims write them: `hxxps://`,
 * `scam[.]com`, `scam(.)com`, `scam[dot]com`, `https[:]//`.
 */
function refang(text: string): string {
  return text
    .replace(/^h(xx|\*\*)p(s?)(\[:\]|:)/i, 'http$2:')
    .replace(/\[:\]/g, ':')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.');
}

/**
 * A URL's identity. Profiles on social platforms become `social_profile`, LINE
 * links `line_id`, a marketplace shop its shop path, a stand-alone site its host.
 * A platform's home page (or any of its pages that names nobody) is refused.
 */
export function normaliseUrl(value: string): Normalised {
  const cleaned = cleanInput(value);
  if (cleaned === '') return invalid('empty', 'The URL is empty.');
  const url = parseLooseUrl(soleToken(cleaned, URL_TOKEN));
  // `IG: shop.deal`, `FB: somchai.j` in the URL box: a profile by its platform's name, as in the profile box.
  if (!url && PLATFORM_PREFIX.test(cleaned)) return normaliseSocialProfile(value);
  if (!url) return invalid('not_a_url', `"${value}" is not a web address.`);
  return platformIdentity(url) ?? siteIdentity(url);
}

/** A page that no platform rule read: nobody on a platform's own domain, else a stand-alone site by its host. */
function siteIdentity(url: ParsedUrl): Normalised {
  if (PLATFORM_DOMAINS.has(url.domain)) return invalid('identifies_nobody', `This page of ${url.domain} names no shop or profile; a platform's home page identifies nobody.`);
  // A stand-alone site: its host identifies it, whatever page was pasted.
  return canonical('url', url.host, url.host);
}

/** A web address by its look: a scheme, or a host and a path (`facebook.com/somchai`); a bare word with a dot may be a handle. */
export function looksLikeUrl(text: string): boolean {
  return /^([a-z][a-z0-9+.-]*:\/\/\S+|([a-z0-9-]+\.)+[a-z]{2,}\/\S*)$/i.test(text);
}

/** The names people write before a handle for the platform it is on, in English and Thai. */
const PLATFORM_NAMES: ReadonlyArray<readonly ['facebook' | 'instagram' | 'tiktok' | 'x' | 'youtube' | 'telegram', readonly string[]]> = [
  ['facebook', ['fb', 'facebook', 'เฟส', 'เฟซ', 'เฟสบุ๊ค', 'เฟสบุ๊ก', 'เฟซบุ๊ก', 'เฟซบุ๊ค', 'เฟสบุค', 'เฟซบุค']],
  ['instagram', ['ig', 'instagram', 'insta', 'ไอจี', 'อินสตาแกรม', 'อินสตา', 'อินสตราแกรม']],
  ['tiktok', ['tiktok', 'tt', 'ติ๊กต๊อก', 'ติ๊กต็อก', 'ติ๊กตอก', 'ติกต็อก', 'ติกตอก', 'ติ้กต้อก']],
  ['x', ['x', 'twitter', 'ทวิตเตอร์', 'ทวีตเตอร์']],
  ['youtube', ['youtube', 'yt', 'ยูทูบ', 'ยูทูป']],
  ['telegram', ['telegram', 'tg', 'เทเลแกรม']],
];
const PLATFORM_ALTERNATION = PLATFORM_NAMES.flatMap(([, names]) => names).sort((a, b) => b.length - a.length).join('|');
/**
 * The platform's name, perhaps the word for "id" or "name" after it (`TikTok ID:`, `Facebook ชื่อ`), then a colon, a dash,
 * an @, or a space before a handle-shaped word.
 */
const PLATFORM_PREFIX = new RegExp(
  String.raw`^(${PLATFORM_ALTERNATION})(?:\s*(?:id|ไอดี|account|username|user|name|ชื่อ))?(?:\s*[:：]\s*@?|\s*[-–]\s+@?|\s+@|\s+(?=\S*[._0-9/]))(\S+)$`,
  'i',
);

/**
 * A handle with its platform named after it in brackets (`@fake.shop (tiktok)`, `shop.deal [IG]`): `tiktok: @fake.shop`.
 * Only for a handle-shaped word (an @, or a dot, an underscore or a digit in it), as for the platform before it.
 */
const PLATFORM_AFTER = new RegExp(String.raw`^(@[a-z0-9._]+|[a-z0-9._]*[._0-9][a-z0-9._]*)\s*[([（]\s*(${PLATFORM_ALTERNATION})\s*[)\]）]$`, 'i');

/**
 * The value of a profile with its platform named after the handle, written as the platform then the handle, so that
 * the remark after it is not dropped as a name (labels.ts drops bracketed words after a value).
 */
export function platformFirst(value: string): string {
  // Only a value that ends with a bracket can name its platform after it.
  if (!/[)\]）]\s*$/.test(value)) return value;
  const after = PLATFORM_AFTER.exec(value.trim());
  return after ? `${after[2]}: ${after[1]}` : value;
}

/** A social profile given as a URL, or as `platform: handle`, `@handle` or a bare Facebook user name. */
export function normaliseSocialProfile(value: string): Normalised {
  const cleaned = cleanInput(value);
  if (cleaned === '') return invalid('empty', 'The profile is empty.');
  // `ig: name`, `IG @name`, `FB shop.name`, `ไอจี shop.ig`: the platform, then a colon, an @, or a space before a
  // handle that is not a plain word (a plain word after a platform's name may be a display name: `FB Somchai`).
  const prefixed = PLATFORM_PREFIX.exec(cleaned);
  const text = prefixed ? cleaned : soleToken(cleaned, PROFILE_TOKEN);
  // `Facebook : https://facebook.com/…`: the platform's name before the profile's address.
  if (prefixed && /[/]/.test(prefixed[2]!) && parseLooseUrl(prefixed[2]!)) return normaliseSocialProfile(prefixed[2]!);
  if (prefixed) {
    const platform = PLATFORM_NAMES.find(([, names]) => names.includes(prefixed[1]!.toLowerCase()))![0];
    const handle = prefixed[2]!;
    if (platform === 'telegram') return normaliseUrl(`https://t.me/${handle.replace(/^@/, '')}`);
    return platform === 'facebook' ? facebookUser(handle) : handleProfile(platform, handle);
  }
  const url = /[/.]/.test(text) && !/^@/.test(text) ? parseLooseUrl(text) : undefined;
  // A site in the profile box (a shop's own site given as its profile) is that site, as in the URL box.
  if (url) return platformIdentity(url) ?? siteIdentity(url);
  // A bare handle names nobody until we know the platform: it matches only the same bare handle. Handles are Latin
  // letters, digits, dots and underscores; a word in Thai script, or a plain word without an @ (`สมชาย`, `Somchai`),
  // is a display name, which many people share: refused, never linked.
  const handle = text.replace(/^@/, '');
  if (!/^[a-z0-9._-]{2,100}$/i.test(handle)) return invalid('not_a_profile', `"${value}" is neither a profile's address nor a handle (a display name identifies nobody: give the profile's address).`);
  if (!text.startsWith('@') && !/[._0-9]/.test(handle)) return invalid('not_a_profile', `"${value}" may be a display name: give the profile's address, or the handle with its @.`);
  return canonical('social_profile', `handle:${handle.toLowerCase()}`, `@${maskHandle(handle.toLowerCase())}`);
}

/** A short link: the whole short URL (host and case-sensitive code); a shortener's bare host names nobody. */
function shortLink(url: ParsedUrl): Normalised | undefined {
  const onShortener = SHORTENER_HOSTS.has(url.host) || SHORTENER_HOSTS.has(url.domain);
  const shortPath = !onShortener && SHORT_PATHS.some((rule) => url.domain === rule.domain && url.segments[0]?.toLowerCase() === rule.first);
  if (!onShortener && !shortPath) return undefined;
  if (url.segments.length === 0 || shortPath && url.segments.length < 2) {
    return invalid('identifies_nobody', `${url.host} is a link shortener: without its code it names nobody.`);
  }
  const host = onShortener ? url.host : url.domain;
  return canonical('url', `short:${host}${url.path}`, `${host}/${maskHandle(url.segments.join('/'))}`);
}

/**
 * An invitation to a chat group (a WhatsApp or Telegram group, a Messenger group chat; LINE's in lineLink): its
 * code names one group, case-sensitively, so the whole link identifies the group as a short link identifies itself.
 * The forms of one invitation are one: `line.me/R/ti/g/<code>` is `line.me/ti/g/<code>`, `t.me/joinchat/<code>` is
 * `t.me/+<code>`, `chat.whatsapp.com/invite/<code>` is `chat.whatsapp.com/<code>`. `t.me/+<digits>` is not an
 * invitation but a chat with that phone number, which it is.
 */
function groupInvitation(url: ParsedUrl): Normalised | undefined {
  const [first = '', second = ''] = url.segments;
  if (url.host === 'chat.whatsapp.com') {
    const secret = invitationCode(first.toLowerCase() === 'invite' ? second : first);
    return secret ? invitation('chat.whatsapp.com/', secret) : invalid('identifies_nobody', 'A WhatsApp group link without its code names no group.');
  }
  if (url.domain === 't.me' || url.domain === 'telegram.me') {
    if (/^\+[0-9]+$/.test(first)) return chatWithNumber(first, 't.me/+');
    const secret = first.startsWith('+') ? invitationCode(first.slice(1)) : first.toLowerCase() === 'joinchat' ? invitationCode(second) : undefined;
    return secret ? invitation('t.me/+', secret) : undefined;
  }
  if (url.domain === 'm.me' && first.toLowerCase() === 'j') {
    return invitationCode(second) ? invitation('m.me/j/', second) : invalid('identifies_nobody', 'A Messenger group link without its code names no group.');
  }
  return undefined;
}

/** A group invitation's code: letters, digits, `_` and `-`, as the apps make them. */
function invitationCode(candidate: string | undefined): string | undefined {
  return candidate && /^[A-Za-z0-9_-]{6,64}$/.test(candidate) ? candidate : undefined;
}

/** A group invitation by its one form (`path` and the code, case kept). */
function invitation(path: string, code: string): Normalised {
  return canonical('url', `invite:${path}${code}`, `${path}${maskHandle(code)}`);
}

/** A chat app's link to a phone number in international form, with or without its + (`wa.me/66…`, `t.me/+66…`): the phone. */
function chatWithNumber(written: string, link: string): Normalised {
  const digits = written.replace(/[\s+-]/g, '');
  return /^[0-9]{8,15}$/.test(digits) ? normalisePhone(`+${digits}`) : invalid('identifies_nobody', `${link} without a number names nobody.`);
}

function platformIdentity(url: ParsedUrl): Normalised | undefined {
  const shortened = shortLink(url) ?? groupInvitation(url);
  if (shortened) return shortened;
  const [first = '', second = '', third = ''] = url.segments;
  const firstLower = first.toLowerCase();
  if (PATH_NAMED_HOSTS.has(url.host) || PATH_NAMED_HOSTS.has(url.domain) && url.host === url.domain) {
    return /^[\p{L}\p{N}._-]{2,100}$/u.test(first) ? shopPath(url.domain, firstLower) : invalid('identifies_nobody', `${url.domain} without a page's name names nobody.`);
  }
  // An app in Apple's or Google's store by its id; a TestFlight invitation by its code (investment scams ship apps so).
  const appleApp = url.host === 'apps.apple.com' ? url.segments.map((segment) => /^id([0-9]{6,12})$/.exec(segment)?.[1]).find(Boolean) : undefined;
  if (appleApp) return canonical('url', `apps.apple.com/id${appleApp}`, `apps.apple.com/id${maskHandle(appleApp)}`);
  if (url.host === 'testflight.apple.com' && firstLower === 'join' && /^[A-Za-z0-9]{6,12}$/.test(second)) return canonical('url', `testflight.apple.com/join/${second}`, `testflight.apple.com/join/${maskHandle(second)}`);
  const googleApp = url.host === 'play.google.com' ? url.query.get('id') : undefined;
  if (googleApp && /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/.test(googleApp)) return canonical('url', `play.google.com/${googleApp.toLowerCase()}`, `play.google.com/${maskHandle(googleApp.toLowerCase())}`);
  if ((url.domain === 'threads.net' || url.domain === 'threads.com') && first.startsWith('@')) return handleProfile('threads', first);
  // Medium: `medium.com/@<h>` is a writer; `<publication>.medium.com` a publication of its own; the bare host nobody.
  if (url.domain === 'medium.com') {
    if (first.startsWith('@')) return handleProfile('medium', first);
    return url.host !== url.domain ? canonical('url', url.host, url.host) : invalid('identifies_nobody', 'This page of medium.com names no writer.');
  }
  if (url.domain === 'linkedin.com' && firstLower === 'in' && /^[\p{L}\p{N}_-]{3,100}$/u.test(second)) return canonical('social_profile', `linkedin:${second.toLowerCase()}`, `linkedin ${maskHandle(second.toLowerCase())}`);
  // Google Forms and Sites: one host for everyone's forms and sites, which their path names.
  if (url.host === 'docs.google.com' && firstLower === 'forms' && second === 'd') {
    const id = third === 'e' ? url.segments[3] : third;
    return id && /^[A-Za-z0-9_-]{10,}$/.test(id) ? canonical('url', `docs.google.com/forms/${id}`, `docs.google.com/forms/${maskHandle(id)}`) : invalid('identifies_nobody', 'This Google Forms address names no form.');
  }
  if (url.host === 'sites.google.com' && (firstLower === 'view' || firstLower === 'site') && /^[\p{L}\p{N}._-]{2,100}$/u.test(second)) return shopPath('sites.google.com/view', second.toLowerCase());
  // A redirector's link (`l.facebook.com/l.php?u=…`, `google.com/url?q=…`) identifies the page it wraps, not the redirector.
  const redirect = REDIRECTS.find((rule) => rule.hosts.includes(url.host) && firstLower === rule.first);
  if (redirect) {
    const wrapped = redirect.params.map((name) => url.query.get(name)).find((target) => target);
    return wrapped ? normaliseUrl(wrapped) : invalid('identifies_nobody', `A ${url.host} link without the address it wraps names nobody.`);
  }
  // Google's AMP cache (`google.com/amp/s/<host>/<path>`) serves another site's page under its own address.
  if ((url.domain === 'google.com' || url.domain === 'google.co.th') && firstLower === 'amp' && url.segments.length > 2 && second === 's') {
    return normaliseUrl(`https://${url.segments.slice(2).join('/')}`);
  }
  // `m.me/<page>`: Messenger of a Facebook page or profile, which it names.
  if (url.domain === 'm.me') return first ? facebookUser(first) : invalid('identifies_nobody', 'm.me without a page names nobody.');
  // `messenger.com/t/<page>`: Messenger on the web, a chat with that page or profile.
  if (url.domain === 'messenger.com') return firstLower === 't' && second ? facebookUser(second) : invalid('identifies_nobody', 'This Messenger page names no one.');
  if (FACEBOOK_HOSTS.has(url.domain)) {
    if (firstLower === 'profile.php') {
      const id = url.query.get('id') ?? '';
      return /^[0-9]{5,20}$/.test(id) ? facebookId(id) : invalid('identifies_nobody', 'profile.php without a numeric id names nobody.');
    }
    // A post's or a photo's own address (`story.php?story_fbid=…&id=<n>`, `permalink.php?…&id=<n>`, `photo.php?fbid=…&id=<n>`)
    // names its author by `id`.
    if ((firstLower === 'story.php' || firstLower === 'permalink.php' || firstLower === 'photo.php') && /^[0-9]{5,20}$/.test(url.query.get('id') ?? '')) return facebookId(url.query.get('id')!);
    // A member's page inside a group (`groups/<g>/user/<n>`) is that member, not the group; a story names its author.
    if (firstLower === 'groups' && third.toLowerCase() === 'user' && /^[0-9]{5,20}$/.test(url.segments[3] ?? '')) return facebookId(url.segments[3]!);
    if (firstLower === 'stories' && /^[0-9]{5,20}$/.test(second)) return facebookId(second);
    // `facebook.com/messages/t/<page or n>`: a chat with that page or profile, as `messenger.com/t/…` is.
    if (firstLower === 'messages' && second.toLowerCase() === 't') return third ? facebookUser(third) : invalid('identifies_nobody', 'This Messenger page names no one.');
    // `facebook.com/pg/<page>/about`: an older address of a page.
    if (firstLower === 'pg') return second ? facebookUser(second) : invalid('identifies_nobody', 'facebook.com/pg without a page names nobody.');
    if (firstLower === 'people' && /^[0-9]{5,20}$/.test(third)) return facebookId(third);
    if (firstLower === 'groups' && second !== '') return canonical('social_profile', `facebook:group:${second.toLowerCase()}`, `facebook group ${maskHandle(second.toLowerCase())}`);
    // A Marketplace seller's page (`marketplace/profile/<n>`) is that profile.
    if (firstLower === 'marketplace' && second.toLowerCase() === 'profile' && /^[0-9]{5,20}$/.test(third)) return facebookId(third);
    // A Marketplace listing (`marketplace/item/<n>`, `commerce/listing/<n>`) names what was sold, as a shop's product page does.
    const listing = firstLower === 'marketplace' && second.toLowerCase() === 'item' ? third : firstLower === 'commerce' && second.toLowerCase() === 'listing' ? third : undefined;
    if (listing !== undefined) {
      return /^[0-9]{5,20}$/.test(listing) ? shopPath('facebook.com/marketplace/item', listing) : invalid('identifies_nobody', 'A Marketplace address without its listing number names nothing.');
    }
    // A page without a username: `facebook.com/p/<Name>-<n>/`, `facebook.com/pages/<Name>/<n>`, and the category
    // form `facebook.com/pages/category/<Category>/<Name>-<n>/`. Its number names it.
    if (firstLower === 'p' || firstLower === 'pages') {
      const id = pageNumberIn(url.segments.slice(1));
      if (id) return facebookId(id);
    }
    if (FACEBOOK_RESERVED.has(firstLower)) return invalid('identifies_nobody', 'This Facebook page names no profile.');
    return facebookUser(first);
  }
  // `instagram.com/stories/<handle>/<n>`: a story names its account.
  if (url.domain === 'instagram.com' && firstLower === 'stories' && second && second.toLowerCase() !== 'highlights') return handleProfile('instagram', second);
  // `instagram.com/_u/<handle>`: the app's own link to a profile. `ig.me/m/<handle>`: a direct message to it.
  if (url.domain === 'instagram.com' && firstLower === '_u') return second ? handleProfile('instagram', second) : invalid('identifies_nobody', 'This Instagram page names no profile.');
  if (url.domain === 'ig.me') return firstLower === 'm' && second ? handleProfile('instagram', second) : invalid('identifies_nobody', 'An ig.me link without a profile names nobody.');
  if (url.domain === 'instagram.com') return INSTAGRAM_RESERVED.has(firstLower) ? invalid('identifies_nobody', 'This Instagram page names no profile.') : handleProfile('instagram', first);
  if (url.domain === 'tiktok.com' && firstLower.startsWith('@')) return handleProfile('tiktok', first);
  if (url.domain === 'tiktok.com' && TIKTOK_RESERVED.has(firstLower)) return invalid('identifies_nobody', 'This TikTok page names no profile.');
  if ((url.domain === 'x.com' || url.domain === 'twitter.com') && !X_RESERVED.has(firstLower)) return handleProfile('x', first);
  if (url.domain === 'youtube.com') return youtubeChannel(url);
  // `wa.me/<number>`: a WhatsApp chat with that phone number, which it is.
  if (url.domain === 'wa.me') return chatWithNumber(first, 'wa.me');
  // `api.whatsapp.com/send?phone=<number>` (and web.whatsapp.com's): the long form of wa.me/<number>.
  if (url.domain === 'whatsapp.com' && firstLower === 'send') return chatWithNumber(url.query.get('phone') ?? '', 'A WhatsApp link');
  // `t.me/<username>`: a Telegram account, channel or group by its public name (case-insensitive).
  if (url.domain === 't.me' || url.domain === 'telegram.me') {
    // `t.me/s/<channel>`: the channel's page on the web.
    if (firstLower === 's' && second) return normaliseUrl(`https://t.me/${second}`);
    return /^[a-z][a-z0-9_]{4,31}$/i.test(first) && !TELEGRAM_RESERVED.has(firstLower)
      ? canonical('social_profile', `telegram:${firstLower}`, `telegram @${maskHandle(firstLower)}`)
      : invalid('identifies_nobody', 'This Telegram link names no account.');
  }
  // `page.line.me/<id>`: the page of the official account @<id>.
  if (url.domain === 'line.me' && url.host === 'page.line.me') return first ? normaliseLineId(`@${first}`) : invalid('identifies_nobody', 'page.line.me without an account names nobody.');
  // `shop.line.me/@<id>`: the LINE SHOPPING store of the official account @<id>.
  if (url.host === 'shop.line.me' && first.startsWith('@')) return normaliseLineId(first);
  if (url.domain === 'line.me') return lineLink(url);
  if (url.domain === 'shopee.co.th') return shopeeShop(url);
  if (url.domain === 'lazada.co.th') return lazadaShop(url);
  return undefined;
}

/** The number a Facebook page's address ends with: the last segment that is `<n>` or `<Name>-<n>`. */
function pageNumberIn(segments: readonly string[]): string | undefined {
  for (const segment of [...segments].reverse()) {
    const number = /(?:^|-)([0-9]{5,20})$/.exec(segment)?.[1];
    if (number) return number;
  }
  return undefined;
}

function facebookId(id: string): Normalised {
  return canonical('social_profile', `facebook:id:${id}`, `facebook.com/profile.php?id=${'x'.repeat(Math.max(id.length - 4, 0))}${id.slice(-4)}`);
}

/** Facebook user names ignore case and dots (Deal.Beauty45 is dealbeauty45). */
function facebookUser(name: string): Normalised {
  const folded = name.toLowerCase().replace(/\./g, '');
  if (/^[0-9]{5,20}$/.test(folded)) return facebookId(folded);
  // `facebook.com/Deal-Beauty-123456789012345`: an older page address, its name then its number. User names have no
  // dash, so the number names the page.
  const pageNumber = /^.+-([0-9]{8,20})$/.exec(folded)?.[1];
  if (pageNumber) return facebookId(pageNumber);
  // Facebook's user names have five characters at least: a shorter path is a page of the site (`/pg`, `/tr`, `/p`).
  if (!/^[\p{L}\p{N}_-]{5,100}$/u.test(folded)) return invalid('not_a_profile', `"${name}" is not a Facebook user name (five characters at least).`);
  return canonical('social_profile', `facebook:${folded}`, `facebook.com/${maskHandle(folded)}`);
}

function handleProfile(platform: 'instagram' | 'tiktok' | 'x' | 'youtube' | 'threads' | 'medium', raw: string): Normalised {
  const handle = raw.replace(/^@/, '').toLowerCase();
  if (!(platform === 'youtube' ? /^[a-z0-9._-]{3,30}$/ : /^[a-z0-9._]{1,60}$/).test(handle)) return invalid('not_a_profile', `"${raw}" is not a ${platform} handle.`);
  return canonical('social_profile', `${platform}:${handle}`, `${platform} @${maskHandle(handle)}`);
}

/**
 * A YouTube channel: `youtube.com/@handle` (case-insensitive), `/channel/<id>` (its permanent id, case kept), or the
 * older `/c/<name>` and `/user/<name>`. A video names no channel by its address.
 */
function youtubeChannel(url: ParsedUrl): Normalised {
  const [first = '', second = ''] = url.segments;
  if (first.startsWith('@')) return handleProfile('youtube', first);
  if (first.toLowerCase() === 'channel' && /^UC[A-Za-z0-9_-]{22}$/.test(second)) return canonical('social_profile', `youtube:channel:${second}`, `youtube channel ${maskHandle(second)}`);
  if ((first.toLowerCase() === 'c' || first.toLowerCase() === 'user') && /^[\p{L}\p{N}._-]{2,100}$/u.test(second)) {
    return canonical('social_profile', `youtube:user:${second.toLowerCase()}`, `youtube ${maskHandle(second.toLowerCase())}`);
  }
  return invalid('identifies_nobody', 'This YouTube page names no channel.');
}

/** `line.me/ti/p/~id` (a personal id) and `line.me/R/ti/p/@id` (an official account) are LINE ids. */
function lineLink(url: ParsedUrl): Normalised {
  const segments = url.segments[0]?.toLowerCase() === 'r' ? url.segments.slice(1) : url.segments;
  const [ti = '', kind = '', rest] = segments;
  const page = kind.toLowerCase();
  if (ti.toLowerCase() === 'ti' && page === 'p' && rest) return normaliseLineId(rest);
  // `line.me/ti/g/<code>` (a group), `line.me/ti/g2/<code>` (an OpenChat): invitations (groupInvitation).
  if (ti.toLowerCase() === 'ti' && (page === 'g' || page === 'g2') && invitationCode(rest)) return invitation(`line.me/ti/${page}/`, rest!);
  // `line.me/R/oaMessage/@<id>/?text` (a message to an official account), `line.me/R/home/public/main?id=<id>` (its home).
  if (ti.toLowerCase() === 'oamessage' && kind.startsWith('@')) return normaliseLineId(kind);
  const home = ti.toLowerCase() === 'home' && page === 'public' ? url.query.get('id') : null;
  if (home) return normaliseLineId(`@${home.replace(/^@/, '')}`);
  return invalid('identifies_nobody', 'This LINE page names no account.');
}

/** Shopee paths that are pages of the site, not a shop's user name. */
const SHOPEE_RESERVED = new Set([
  'search', 'cart', 'buyer', 'user', 'mall', 'daily_discover', 'flash_sale', 'm', 'verify', 'checkout', 'purchase', 'seller', 'help', 'login',
  'signup', 'buyer_signup', 'shopee-coins', 'coins', 'notifications', 'me', 'live', 'video', 'feed', 'collections', 'top_products',
  'find_similar_products', 'flash_deals', 'deals', 'promotion', 'campaign', 'events3', 'shopeepay', 'spaylater', 'web', 'edu', 'docs',
]);

/** `shopee.co.th/shop/<id>`, a product page `…-i.<shopid>.<itemid>`, or a shop's user name `shopee.co.th/<name>`. */
function shopeeShop(url: ParsedUrl): Normalised {
  // `shopee.co.th/universal-link/<path>`: the app's form of `shopee.co.th/<path>`.
  const [first = '', second = ''] = url.segments[0]?.toLowerCase() === 'universal-link' ? url.segments.slice(1) : url.segments;
  const product = /-i\.([0-9]+)\.([0-9]+)$/.exec(first) ?? (first === 'product' && /^[0-9]+$/.test(second) ? [first, second] : null);
  const shopId = first.toLowerCase() === 'shop' ? second : product ? product[1]! : undefined;
  if (shopId !== undefined) {
    return /^[0-9]{3,15}$/.test(shopId) ? shopPath('shopee.co.th/shop', shopId) : invalid('identifies_nobody', 'This Shopee page names no shop.');
  }
  if (/^[a-z0-9._]{3,40}$/i.test(first) && !SHOPEE_RESERVED.has(first.toLowerCase())) {
    return shopPath('shopee.co.th', first.toLowerCase());
  }
  return invalid('identifies_nobody', 'This Shopee page names no shop.');
}

/** `lazada.co.th/shop/<slug>`; a product page identifies its listing. */
function lazadaShop(url: ParsedUrl): Normalised {
  const [first = '', second = ''] = url.segments;
  if (first.toLowerCase() === 'shop' && /^[\p{L}\p{N}._-]{2,100}$/u.test(second)) return shopPath('lazada.co.th/shop', second.toLowerCase());
  if (first.toLowerCase() === 'products' && /-i([0-9]+)(-s[0-9]+)?\.html$/.test(second)) {
    return shopPath('lazada.co.th/products', `i${/-i([0-9]+)/.exec(second)![1]}`);
  }
  return invalid('identifies_nobody', 'This Lazada page names no shop.');
}

function shopPath(prefix: string, id: string): Normalised {
  return canonical('url', `${prefix}/${id}`, `${prefix}/${maskHandle(id)}`);
}

/**
 * A LINE id: case-insensitive; `ID:`, `@line:` and the `line.me/ti/p/~` link
 * around it are dropped. Official accounts keep their leading `@`.
 */
export function normaliseLineId(value: string): Normalised {
  // `line://ti/p/@id`: the LINE app's own link to the account line.me/ti/p/@id opens.
  // An official account's @id among other words (`ไลน์ชื่อ Deal Beauty ไอดี @shopdeal`): the @ marks the id.
  let text = soleTokenInThai(soleToken(cleanInput(value), LINE_AT_TOKEN), LINE_TOKEN).replace(/^line:\/\//i, 'https://line.me/');
  if (text === '') return invalid('empty', 'The LINE id is empty.');
  if (/(^|\/\/)line\.me(\/|$)/i.test(text)) {
    const url = parseLooseUrl(text);
    if (!url) return invalid('not_a_line_id', `"${value}" is not a LINE link.`);
    return lineLink(url);
  }
  // Another link in the LINE box (`lin.ee/…`, LINE's short invitation link; a page): it is what it is as a URL.
  if (/^[a-z][a-z0-9+.-]*:\/\/|\//i.test(text) && parseLooseUrl(text)) return normaliseUrl(text);
  // `LINE@ : shop`: LINE@, the official accounts' former name, then the account without its @.
  text = text.replace(/^line\s*@\s*[:：]\s*/i, '@').replace(/^(line\s*id|line|ไลน์|ไอดีไลน์|ไอดี|id)\s*[:：]?\s*/i, '').replace(/^~/, '')
    // The full stop or comma of the sentence it was copied from.
    .replace(/[.,;:!?]+$/, '');
  // A phone number in the LINE box (`081-234-5678`): LINE finds friends by their number, and people set their number
  // as their id, so the number is how the victim reached them, whatever its dashes.
  if (looksLikePhone(text)) {
    const phone = normalisePhone(text);
    if (phone.ok) return phone;
  }
  const official = text.startsWith('@');
  const id = (official ? text.slice(1).trimStart() : text).toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(id)) return invalid('not_a_line_id', `"${value}" is not a LINE id (letters, digits, dot, dash and underscore).`);
  const canonicalId = official ? `@${id}` : id;
  return canonical('line_id', canonicalId, `LINE ${official ? '@' : ''}${maskHandle(id)}`);
}

import { normaliseUrl, parseLooseUrl } from '../matching/identifiers/url.js';
import type { TakedownTargetKind } from '../standard/codes.js';

/** Kinds of target that are one item on a platform, not who posted it. */
const CONTENT_KINDS: ReadonlySet<TakedownTargetKind> = new Set(['listing', 'post']);

/** A target as staff give it. */
export interface TargetInput {
  kind: TakedownTargetKind;
  url?: string;
  platformRef?: string;
  /** The platform, when the target is a reference on it (no URL), or to say which one a URL is for. */
  platform?: string;
}

/** A target placed: its domain (for a URL) and its identity as de-duplication sees it (for re-uploads). */
export type PlacedTarget =
  | { ok: true; domain: string | null; canonical: string | null }
  | { ok: false; message: string };

/**
 * What a target identifies, by the same normalisers as de-duplication: a URL must name a
 * listing, shop, page, profile or site (a platform's home page names nobody), and a target
 * without a URL must say on which platform its reference is.
 */
export function placeTarget(target: TargetInput): PlacedTarget {
  if (target.url === undefined) {
    if (target.platform === undefined) return { ok: false, message: 'a target given by platformRef must name its platform' };
    return { ok: true, domain: null, canonical: null };
  }
  const parsed = parseLooseUrl(target.url);
  if (!parsed) return { ok: false, message: `"${target.url}" is not a web address` };
  const identity = normaliseUrl(target.url);
  if (identity.ok) return { ok: true, domain: parsed.domain, canonical: `${identity.identifier.kind}:${identity.identifier.value}` };
  // A listing or a post is a page of its own even where it names no shop or profile (a product page); a shop, page
  // or account must name one, and nothing can be a platform's home page.
  if (identity.reason === 'identifies_nobody' && CONTENT_KINDS.has(target.kind) && parsed.segments.length > 0) {
    return { ok: true, domain: parsed.domain, canonical: `${target.kind}:${parsed.host}/${parsed.segments.join('/')}` };
  }
  return { ok: false, message: identity.message };
}

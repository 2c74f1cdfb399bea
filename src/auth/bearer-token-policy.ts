import { duplicateMember } from '../standard/i-json.js';

/**
 * What the hub asks of a bearer token beyond a valid signature (which passport-jwt and
 * jsonwebtoken check): an Authorization header that is `Bearer` and one token, nothing
 * after it; no `crit` header (RFC 7515 §4.1.11: a recipient that does not understand a
 * critical extension must reject the JWS, and the hub understands none); an `exp` (a
 * token without one would never expire); an `iat` not in the future; each claim once.
 * Pure: the caller gives the time.
 */
export const MAX_CLOCK_SKEW_SECONDS = 60;

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/** The token of a well-formed `Authorization` header, or why the header is refused. */
export function bearerToken(authorization: string): { token: string } | { refusal: string } {
  const match = BEARER.exec(authorization);
  return match ? { token: match[1]! } : { refusal: 'The Authorization header must be "Bearer" and one compact JWT, with nothing after it.' };
}

/** Why this token is refused before its signature is checked, or undefined. */
export function tokenPolicyRefusal(token: string, nowSeconds: number): string | undefined {
  const [headerPart, payloadPart] = token.split('.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  let payloadText: string;
  try {
    header = JSON.parse(Buffer.from(headerPart ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    payloadText = Buffer.from(payloadPart ?? '', 'base64url').toString('utf8');
    claims = JSON.parse(payloadText) as Record<string, unknown>;
  } catch {
    return 'The bearer token is not a JWT.';
  }
  if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return 'The bearer token is not a JWT.';
  if ('crit' in header) return 'The bearer token names critical header extensions (crit), which this hub does not understand (RFC 7515 §4.1.11).';
  if (typeof claims.exp !== 'number') return 'The bearer token has no exp: a token must expire.';
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds + MAX_CLOCK_SKEW_SECONDS) return 'The bearer token was issued in the future (iat); check the issuer\'s clock.';
  const repeated = duplicateMember(payloadText);
  if (repeated) return `The bearer token names the claim ${repeated} twice.`;
  return undefined;
}

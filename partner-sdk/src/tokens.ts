import { importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { OcxNetworkError, OcxProblemError } from './errors.js';
import type { Problem } from './documents.js';
import type { Fetch } from './request.js';

export interface TokenSourceOptions {
  baseUrl: string;
  partnerId: string;
  kid: string;
  privateKey: CryptoKey;
  /** The hub's issuer identifier, the audience of the client assertion (HUB_ISSUER; default `urn:ocx:hub`). */
  audience: string;
  /** Ask for fewer scopes than the partner has (space-separated); default: all of them. */
  scope?: string;
  fetch: Fetch;
  now: () => number;
}

/** Tokens are renewed this long before they expire, so a request never leaves with one about to lapse. */
const RENEW_EARLY_MS = 60_000;

/**
 * Access tokens from `POST /v1/oauth/token` with `private_key_jwt` (RFC 7523): a short
 * client assertion signed with the partner's key. One request at a time gets a token;
 * concurrent callers share it.
 */
export class TokenSource {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: TokenSourceOptions) {}

  async token(refresh = false): Promise<string> {
    if (refresh) this.current = undefined;
    if (this.current && this.options.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async requestToken(): Promise<string> {
    const now = this.options.now();
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.options.kid, typ: 'JWT' })
      .setIssuer(this.options.partnerId)
      .setSubject(this.options.partnerId)
      .setAudience(this.options.audience)
      .setJti(crypto.randomUUID())
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 120)
      .sign(this.options.privateKey);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      ...(this.options.scope ? { scope: this.options.scope } : {}),
    });
    const response = await this.options.fetch(
      new Request(new URL('/v1/oauth/token', this.options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      }),
    );
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok) {
      if (body && typeof body === 'object') throw new OcxProblemError(body as Problem, response.status);
      throw new OcxNetworkError(`the token endpoint answered ${response.status} without a problem document`);
    }
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new OcxNetworkError('the token endpoint answered without access_token and expires_in');
    }
    const lifetimeMs = body.expires_in * 1000;
    this.current = { token: body.access_token, renewAt: now + Math.max(lifetimeMs / 2, lifetimeMs - RENEW_EARLY_MS) };
    return body.access_token;
  }
}

/** The partner's private key, checked to be what the hub accepts (EC P-256, ES256). */
export async function importPartnerKey(privateJwk: JWK): Promise<{ key: CryptoKey; kid: string | undefined }> {
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || typeof privateJwk.d !== 'string') {
    throw new TypeError('privateJwk must be a private EC P-256 JWK (kty "EC", crv "P-256", with "d"): the hub accepts ES256 keys');
  }
  return { key: (await importJWK(privateJwk, 'ES256')) as CryptoKey, kid: privateJwk.kid };
}

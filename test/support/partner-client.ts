import { OcxClient, type OcxClientOptions } from '@ocx/partner-sdk';
import { CompactSign, importJWK, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { TestHub } from './hub-harness.js';
import { aPartner, anEcKeyPair } from './partner-builder.js';
import { aStatusEvent, signAsPartner } from './signed-documents.js';

/** A partner agency as its own system would act: registered with a key, getting tokens from the hub, signing events. */
export class PartnerClient {
  private constructor(
    private readonly hub: TestHub,
    readonly id: string,
    readonly kid: string,
    readonly privateJwk: JWK,
  ) {}

  static async register(hub: TestHub, overrides: Record<string, unknown> = {}): Promise<PartnerClient> {
    const admin = await hub.token('admin');
    const partner = aPartner(overrides);
    const created = await hub.request('POST', '/v1/partners', { token: admin, json: partner });
    if (created.status !== 201) throw new Error(`partner not created: ${created.text}`);
    const { publicJwk, privateJwk } = anEcKeyPair();
    const key = await hub.request('POST', `/v1/partners/${partner.id}/keys`, { token: admin, json: { jwk: publicJwk } });
    return new PartnerClient(hub, partner.id as string, key.body.kid as string, privateJwk as JWK);
  }

  /** The partner SDK acting as this partner (through `baseUrl`, e.g. a proxy, when given). */
  sdk(options: Partial<OcxClientOptions> = {}): OcxClient {
    return new OcxClient({ baseUrl: this.hub.baseUrl, partnerId: this.id, privateJwk: this.privateJwk, kid: this.kid, ...options });
  }

  /** An RFC 7523 client assertion; claims can be bent to build bad ones. */
  async assertion(overrides: { aud?: string; expiresIn?: number; jti?: string; iss?: string; key?: JWK; kid?: string; issuedAt?: number } = {}): Promise<string> {
    const key = await importJWK(overrides.key ?? this.privateJwk, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? this.kid })
      .setIssuer(overrides.iss ?? this.id)
      .setSubject(overrides.iss ?? this.id)
      .setAudience(overrides.aud ?? 'urn:ocx:hub')
      .setJti(overrides.jti ?? randomUUID())
      .setIssuedAt(overrides.issuedAt ?? now)
      .setExpirationTime(now + (overrides.expiresIn ?? 120))
      .sign(key);
  }

  requestToken(assertion: string, extra: Record<string, string> = {}) {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      ...extra,
    });
    return this.hub.request('POST', '/v1/oauth/token', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  async token(scope?: string): Promise<string> {
    const response = await this.requestToken(await this.assertion(), scope ? { scope } : {});
    if (response.status !== 200) throw new Error(`no token: ${response.text}`);
    return response.body.access_token as string;
  }

  async signEvent(referralId: string, overrides: Record<string, unknown> = {}): Promise<string> {
    return signAsPartner(this.privateJwk, aStatusEvent(this.id, { referralId, ...overrides }), { kid: this.kid });
  }

  /** A JWS over exactly these payload bytes (a document written by hand, e.g. with a member twice). */
  async signRaw(payload: string, typ = 'ocx-status-event+jws'): Promise<string> {
    return new CompactSign(Buffer.from(payload)).setProtectedHeader({ alg: 'ES256', typ, kid: this.kid, iat: Math.floor(Date.now() / 1000) }).sign(await importJWK(this.privateJwk, 'ES256'));
  }

  postEvent(token: string, referralId: string, jws: string) {
    return this.hub.request('POST', `/v1/partner/referrals/${referralId}/events`, { token, body: jws, headers: { 'content-type': 'application/jose' } });
  }
}

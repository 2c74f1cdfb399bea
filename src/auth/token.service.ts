import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { Settings } from '../config/settings.js';
import { PartnersService } from '../partners/partners.service.js';
import { AuditService, HUB_ACTOR } from '../audit/audit.service.js';
import { CommonError } from '../common/common.errors.js';
import { FixedWindows } from '../common/fixed-windows.js';
import { RefusalTally } from './refusal-tally.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { AuthError, oauthError } from './auth.errors.js';
import { isPartnerScope, PARTNER_SCOPES, scopesOfKind, type PartnerScope } from '../access/scopes.js';
import { FORGET_EXPIRED_ASSERTIONS, RECORD_ASSERTION } from './auth.sql.js';
import { duplicateMember } from '../standard/i-json.js';

/** How often refusals that name nobody become one audit entry. */
const REFUSAL_FLUSH_MS = 60_000;

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_assertion_type?: string;
  client_assertion?: string;
  scope?: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * OAuth 2.0 client credentials with private_key_jwt (RFC 7523): a partner signs a
 * short assertion with a key registered for it, and gets a short hub-signed access
 * token (RFC 9068 `at+jwt`) naming it, its role and its scopes.
 */
@Injectable()
export class TokenService implements OnModuleInit, OnModuleDestroy {
  private readonly unverifiedRefusals = new RefusalTally();
  /** Tokens issued per partner per minute: a verified partner cannot mint tokens without bound either. */
  private readonly perClient = new FixedWindows(60_000);
  private flushTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly keys: HubKeyStore,
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.flushTimer = setInterval(() => void this.flushRefusals(), REFUSAL_FLUSH_MS);
    this.flushTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushRefusals();
  }

  /**
   * Issues a token. A token issued, and a refusal of an assertion whose signature verified
   * under the partner's key, are audited naming the partner; other refusals are only counted
   * (RefusalTally) and audited together, naming nobody.
   */
  async issue(request: TokenRequest): Promise<TokenResponse> {
    const progress: { verifiedPartner?: string } = {};
    try {
      const issued = await this.issueToken(request, progress);
      await this.audit.record({ subject: issued.partnerId, role: issued.role, partnerId: issued.partnerId }, { action: 'token.issued', subjectType: 'partner', subjectId: issued.partnerId, details: { scope: issued.response.scope } });
      return issued.response;
    } catch (error) {
      if (error instanceof AuthError) {
        if (progress.verifiedPartner) {
          const partnerId = progress.verifiedPartner;
          await this.audit.record({ subject: partnerId, role: 'partner', partnerId }, { action: 'token.refused', subjectType: 'partner', subjectId: partnerId, outcome: 'refused', details: { code: error.code } });
        } else this.unverifiedRefusals.count(error.code, Date.now());
      }
      throw error;
    }
  }

  /** The refusals counted since the last flush, as one audit entry (none when there were none). */
  async flushRefusals(): Promise<void> {
    const tally = this.unverifiedRefusals.take(Date.now());
    if (tally) await this.audit.record(HUB_ACTOR, { action: 'token.refused_unverified', subjectType: 'token_endpoint', outcome: 'refused', details: tally }).catch(() => undefined);
  }

  private async issueToken(request: TokenRequest, progress: { verifiedPartner?: string }): Promise<{ partnerId: string; role: string; response: TokenResponse }> {
    // RFC 6749 §3.2: parameters must not be included more than once (the form parser makes a repeated one an array).
    const repeated = Object.entries(request).filter(([, value]) => typeof value !== 'string').map(([name]) => name);
    if (repeated.length > 0) throw oauthError('OAUTH_INVALID_REQUEST', `Each parameter may appear once; repeated or not text: ${repeated.join(', ')}.`);
    if (request.grant_type !== 'client_credentials') throw oauthError('OAUTH_UNSUPPORTED_GRANT_TYPE', `grant_type must be client_credentials (got ${JSON.stringify(request.grant_type ?? null)}).`);
    if (request.client_assertion_type !== CLIENT_ASSERTION_TYPE || !request.client_assertion) {
      throw oauthError('OAUTH_INVALID_REQUEST', `Authenticate with private_key_jwt: client_assertion_type ${CLIENT_ASSERTION_TYPE} and a client_assertion.`);
    }
    const scopes = this.requestedScopes(request.scope);
    const partnerId = this.claimedClient(request.client_assertion, request.client_id);
    const partner = await this.partners.get(partnerId).catch(() => undefined);
    if (!partner || !partner.active) throw oauthError('OAUTH_INVALID_CLIENT', 'The client is not a registered, active partner.');

    let header: { kid?: string; alg?: string };
    try {
      header = decodeProtectedHeader(request.client_assertion);
    } catch {
      throw oauthError('OAUTH_INVALID_CLIENT', 'The client assertion is not a JWT.');
    }
    if (header.alg !== 'ES256') throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion must be signed with ES256 (got ${JSON.stringify(header.alg ?? null)}).`);
    const key = header.kid ? await this.partners.findSigningKey(partnerId, header.kid) : undefined;
    if (!key) throw oauthError('OAUTH_INVALID_CLIENT', `Partner "${partnerId}" has no registered key ${JSON.stringify(header.kid ?? null)}.`);
    if (key.revoked || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) throw oauthError('OAUTH_INVALID_CLIENT', `Key "${header.kid}" of partner "${partnerId}" is revoked or expired.`);

    let claims;
    try {
      ({ payload: claims } = await jwtVerify(request.client_assertion, key.publicKey, {
        algorithms: ['ES256'],
        issuer: partnerId,
        subject: partnerId,
        audience: this.settings.HUB_ISSUER,
        requiredClaims: ['jti', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion was refused: ${describeJoseError(error, this.settings.HUB_ISSUER)}.`);
    }
    // From here on the partner's own key signed the assertion: a refusal may name it.
    progress.verifiedPartner = partnerId;
    const retryAfter = this.perClient.hit(partnerId, Date.now(), this.settings.TOKEN_RATE_PER_MINUTE);
    if (retryAfter !== undefined) {
      throw new CommonError('RATE_LIMITED', `Too many token requests for partner ${partnerId}; a token lasts ${this.settings.ACCESS_TOKEN_TTL_SECONDS} s: keep it. Try again in ${retryAfter} s.`, { retryAfterSeconds: retryAfter });
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.iat === 'number' && claims.iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion was issued ${claims.iat - now} s in the future (iat); check the partner's clock.`);
    }
    const repeatedClaim = duplicateMember(Buffer.from(request.client_assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (repeatedClaim) throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion names the claim ${repeatedClaim} twice.`);
    if (claims.exp! > now + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion may be valid for at most ${MAX_ASSERTION_LIFETIME_SECONDS} s (its exp is ${claims.exp! - now} s away).`);
    }
    await this.useOnce(partnerId, String(claims.jti), new Date(claims.exp! * 1000));

    const { kid, privateKey } = this.keys.signingKey();
    const ttl = this.settings.ACCESS_TOKEN_TTL_SECONDS;
    const allowed = scopesOfKind(partner.kind);
    const refused = request.scope?.trim() ? scopes.filter((item) => !allowed.includes(item as PartnerScope)) : [];
    if (refused.length > 0) throw oauthError('OAUTH_INVALID_SCOPE', `Scope ${refused.join(', ')} is for platforms only; this partner may ask for ${allowed.join(', ')}.`);
    const scope = scopes.filter((item) => allowed.includes(item as PartnerScope)).join(' ');
    // key_id: the partner key that obtained the token, so that revoking the key stops the token at once.
    const accessToken = await new SignJWT({ roles: [partner.kind === 'platform' ? 'platform' : 'partner'], partner_id: partnerId, scope, client_id: partnerId, key_id: header.kid })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(this.settings.HUB_ISSUER)
      .setSubject(partnerId)
      .setAudience(this.settings.OIDC_AUDIENCE)
      .setIssuedAt(now)
      .setJti(crypto.randomUUID())
      .setExpirationTime(now + ttl)
      .sign(privateKey);
    return { partnerId, role: partner.kind === 'platform' ? 'platform' : 'partner', response: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope } };
  }

  private requestedScopes(scope: string | undefined): string[] {
    if (!scope || scope.trim() === '') return [...PARTNER_SCOPES];
    const requested = [...new Set(scope.trim().split(/\s+/))];
    const unknown = requested.filter((item) => !isPartnerScope(item));
    if (unknown.length > 0) throw oauthError('OAUTH_INVALID_SCOPE', `Unknown scope: ${unknown.join(', ')}; known: ${PARTNER_SCOPES.join(', ')}.`);
    return requested;
  }

  private claimedClient(assertion: string, clientId: string | undefined): string {
    let issuer: unknown;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      throw oauthError('OAUTH_INVALID_CLIENT', 'The client assertion is not a JWT.');
    }
    if (typeof issuer !== 'string') throw oauthError('OAUTH_INVALID_CLIENT', 'The client assertion has no iss (the partner id).');
    if (clientId !== undefined && clientId !== issuer) throw oauthError('OAUTH_INVALID_CLIENT', 'client_id and the assertion\'s iss differ.');
    return issuer;
  }

  /** A jti is good once: a second use, even of a still valid assertion, is a replay. */
  private async useOnce(partnerId: string, jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(FORGET_EXPIRED_ASSERTIONS);
    const [inserted] = (await this.dataSource.query(
      RECORD_ASSERTION,
      [partnerId, jti, expiresAt],
    )) as [{ jti: string }?];
    if (!inserted) throw oauthError('OAUTH_INVALID_CLIENT', `The client assertion with jti "${jti}" was already used; sign a new one for each token request.`);
  }
}

function describeJoseError(error: unknown, audience: string): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return `aud must be "${audience}"`;
    return `claim ${error.claim} ${error.reason === 'missing' ? 'is missing' : 'is not valid'}`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify under the key it names';
  return 'it could not be verified';
}

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { CommonError } from '../common/common.errors.js';
import { Settings } from '../config/settings.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { DEV_ISSUER, type DevIssuerKey } from './dev-issuer.js';
import { isRole, type Principal } from '../access/roles.js';

export const DEV_ISSUER_KEY = Symbol('DevIssuerKey');

interface TokenClaims {
  iss?: string;
  sub?: string;
  partner_id?: unknown;
  [claim: string]: unknown;
}

/**
 * Verifies bearer tokens (passport-jwt) against the key of the issuer named in
 * the token: the external OpenID Connect issuer's JWKS, or the local development
 * issuer when it is allowed.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly settings: Settings,
    @Inject(DEV_ISSUER_KEY) devKey: DevIssuerKey | null,
    hubKeys: HubKeyStore,
  ) {
    // KeyObjects, not PEM: jsonwebtoken would parse a PEM again on every request.
    const devPublicKey = devKey?.publicKey;
    const oidcKeyCache = new Map<string, KeyObject>();
    // jose fetches, caches and refreshes the identity provider's JWKS (on an unknown kid, at most every 30 s).
    const oidcKeys = settings.OIDC_JWKS_URL ? createRemoteJWKSet(new URL(settings.OIDC_JWKS_URL)) : undefined;
    const issuers = [settings.HUB_ISSUER, settings.OIDC_ISSUER, devPublicKey ? DEV_ISSUER : undefined].filter((issuer): issuer is string => Boolean(issuer));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      audience: settings.OIDC_AUDIENCE,
      issuer: issuers,
      algorithms: ['ES256', 'RS256', 'PS256'],
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: unknown, key?: string | Buffer) => void) => {
        // jsonwebtoken takes a KeyObject too (its typings in passport-jwt say string | Buffer).
        const useKey = (key: KeyObject): void => done(null, key as unknown as Buffer);
        const issuer = issuerOf(rawToken);
        if (issuer === settings.HUB_ISSUER) {
          // Partner access tokens, signed by the hub itself (the token endpoint).
          const kid = kidOf(rawToken);
          const key = kid ? hubKeys.verificationKey(kid) : undefined;
          return key ? useKey(key) : done(new CommonError('UNAUTHENTICATED', 'The token was signed with a hub key that no longer verifies.'));
        }
        if (issuer === DEV_ISSUER && devPublicKey) {
          const kid = kidOf(rawToken);
          if (kid !== devKey!.kid) {
            return done(new CommonError('UNAUTHENTICATED', `The token was made with development-issuer key ${kid ?? '(none)'}; this hub's is ${devKey!.kid}. Make tokens with the hub's DATA_DIR (npm run token reads DATA_DIR, default .data).`));
          }
          return useKey(devPublicKey);
        }
        if (issuer !== undefined && issuer === settings.OIDC_ISSUER && oidcKeys) {
          return void oidcKey(oidcKeys, oidcKeyCache, rawToken).then(
            (key) => useKey(key),
            () => done(new CommonError('UNAUTHENTICATED', 'The token names a key the identity provider does not publish.')),
          );
        }
        return done(new CommonError('UNAUTHENTICATED', 'The token was issued by an issuer this hub does not trust.'));
      },
    });
  }

  validate(claims: TokenClaims): Principal {
    const fromHub = claims.iss === this.settings.HUB_ISSUER;
    const rolesClaim = claims[fromHub ? 'roles' : this.settings.OIDC_ROLES_CLAIM];
    const roles = Array.isArray(rolesClaim) ? rolesClaim.filter(isRole) : [];
    if (!claims.sub || !claims.iss) throw new CommonError('UNAUTHENTICATED', 'The token lacks a subject or an issuer.');
    return {
      subject: claims.sub,
      issuer: claims.iss,
      roles,
      ...(typeof claims.partner_id === 'string' ? { partnerId: claims.partner_id } : {}),
      ...(fromHub && typeof claims.scope === 'string' ? { scopes: claims.scope.split(' ') } : {}),
      ...(fromHub && typeof claims.key_id === 'string' ? { keyId: claims.key_id } : {}),
    };
  }
}

async function oidcKey(keys: ReturnType<typeof createRemoteJWKSet>, cache: Map<string, KeyObject>, rawToken: string): Promise<KeyObject> {
  const header = decodeProtectedHeader(rawToken);
  const cached = header.kid ? cache.get(header.kid) : undefined;
  if (cached) return cached;
  const key = await keys(header);
  const keyObject = key instanceof KeyObject ? key : KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
  if (header.kid) cache.set(header.kid, keyObject);
  return keyObject;
}

function kidOf(rawToken: string): string | undefined {
  try {
    return decodeProtectedHeader(rawToken).kid;
  } catch {
    return undefined;
  }
}

function issuerOf(rawToken: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(rawToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as TokenClaims;
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { CommonError } from '../common/common.errors.js';
import { Settings } from '../config/settings.js';
import { DEV_ISSUER, type DevIssuerKey } from './dev-issuer.js';
import { isRole, type Principal } from './roles.js';

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
  ) {
    const devPem = devKey ? (devKey.publicKey.export({ type: 'spki', format: 'pem' }) as string) : undefined;
    const oidcKeys = settings.OIDC_JWKS_URL
      ? passportJwtSecret({ jwksUri: settings.OIDC_JWKS_URL, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 })
      : undefined;
    const issuers = [settings.OIDC_ISSUER, devPem ? DEV_ISSUER : undefined].filter((issuer): issuer is string => Boolean(issuer));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      audience: settings.OIDC_AUDIENCE,
      issuer: issuers,
      algorithms: ['ES256', 'RS256', 'PS256'],
      secretOrKeyProvider: (request: unknown, rawToken: string, done: (error: unknown, key?: string | Buffer) => void) => {
        const issuer = issuerOf(rawToken);
        if (issuer === DEV_ISSUER && devPem) return done(null, devPem);
        if (issuer !== undefined && issuer === settings.OIDC_ISSUER && oidcKeys) return oidcKeys(request, rawToken, done);
        return done(new CommonError('UNAUTHENTICATED', 'The token was issued by an issuer this hub does not trust.'));
      },
    });
  }

  validate(claims: TokenClaims): Principal {
    const rolesClaim = claims[this.settings.OIDC_ROLES_CLAIM];
    const roles = Array.isArray(rolesClaim) ? rolesClaim.filter(isRole) : [];
    if (!claims.sub || !claims.iss) throw new CommonError('UNAUTHENTICATED', 'The token lacks a subject or an issuer.');
    return {
      subject: claims.sub,
      issuer: claims.iss,
      roles,
      ...(typeof claims.partner_id === 'string' ? { partnerId: claims.partner_id } : {}),
    };
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

import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonError } from '../common/common.errors.js';
import { IS_PUBLIC } from '../access/public.decorator.js';
import { REQUIRED_ROLES } from '../access/roles.decorator.js';
import { REQUIRED_SCOPES } from '../access/scopes.decorator.js';
import type { Principal, Role } from '../access/roles.js';
import { Settings } from '../config/settings.js';
import { PartnerAccess } from '../partners/partner-access.service.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { bearerToken, tokenPolicyRefusal } from './bearer-token-policy.js';
import { VerifiedTokens } from './verified-tokens.js';

/**
 * The global guard. Fails closed: a route is reachable only when it is marked
 * @Public() or names the roles that may call it with @Roles(...).
 */
@Injectable()
export class HubAuthGuard extends AuthGuard('jwt') {
  private readonly verifiedTokens = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: Settings,
    private readonly hubKeys: HubKeyStore,
    private readonly partnerAccess: PartnerAccess,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: Principal }>();
    await this.authenticate(context, request);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const principal = request.user;
    // A partner deactivated, or the key that obtained the token revoked, stops the token at once.
    if (principal?.partnerId) {
      const refusal = await this.partnerAccess.refusal(principal.partnerId, principal.keyId, Date.now());
      if (refusal) throw new CommonError('UNAUTHENTICATED', refusal);
    }
    if (!required || required.length === 0) {
      throw new CommonError('FORBIDDEN', 'This route declares no role that may call it.');
    }
    if (!principal || !required.some((role) => principal.roles.includes(role))) {
      const held = principal?.roles.length ? principal.roles.join(', ') : 'none';
      throw new CommonError('FORBIDDEN', `This route needs the role ${required.join(' or ')}; the token holds: ${held}.`);
    }
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (scopes && principal.scopes) {
      const missing = scopes.filter((scope) => !principal.scopes!.includes(scope));
      if (missing.length > 0) throw new CommonError('FORBIDDEN', `This route needs the scope ${missing.join(' and ')}, which the token was not granted.`, { missingScopes: missing });
    }
    return true;
  }

  /** passport-jwt verifies a token the first time it is seen; later requests with it reuse the result until it expires. */
  private async authenticate(context: ExecutionContext, request: { headers: Record<string, string | string[] | undefined>; user?: Principal }): Promise<void> {
    const authorization = request.headers.authorization;
    let token: string | undefined;
    if (authorization !== undefined) {
      const bearer = typeof authorization === 'string' ? bearerToken(authorization) : { refusal: 'Send one Authorization header.' };
      if ('refusal' in bearer) throw new CommonError('UNAUTHENTICATED', bearer.refusal);
      token = bearer.token;
    }
    const known = token ? this.verifiedTokens.find(token) : undefined;
    // A hub key taken out of verification stops its tokens at once, cached or not.
    if (known && (known.issuer !== this.settings.HUB_ISSUER || (known.kid !== undefined && this.hubKeys.verificationKey(known.kid)))) {
      request.user = known.principal;
      return;
    }
    if (token && known) this.verifiedTokens.forget(token);
    const refusal = token ? tokenPolicyRefusal(token, Math.floor(Date.now() / 1000)) : undefined;
    if (refusal) throw new CommonError('UNAUTHENTICATED', refusal);
    await super.canActivate(context);
    if (token && request.user) this.verifiedTokens.remember(token, request.user);
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error instanceof CommonError) throw error;
    if (error || !user) throw new CommonError('UNAUTHENTICATED', describeRefusal(info));
    return user;
  }
}

function describeRefusal(info: unknown): string {
  // The key lookup's own refusals (an unknown issuer, a key the hub no longer has) say what is wrong themselves.
  if (info instanceof CommonError) return info.message;
  const name = (info as { name?: unknown } | undefined)?.name;
  const message = (info as { message?: unknown } | undefined)?.message;
  if (name === 'TokenExpiredError') return 'The bearer token has expired.';
  if (name === 'NotBeforeError') return 'The bearer token is not valid yet.';
  if (typeof message === 'string' && /no auth token/i.test(message)) return 'Send a bearer token in the Authorization header.';
  if (typeof message === 'string' && message.startsWith('jwt ')) return `The bearer token was refused: ${message.slice(4)}.`;
  return 'The bearer token was refused.';
}

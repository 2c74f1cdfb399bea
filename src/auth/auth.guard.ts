import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonError } from '../common/common.errors.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ROLES } from './roles.decorator.js';
import { REQUIRED_SCOPES } from './scopes.decorator.js';
import type { Principal, Role } from './roles.js';

/**
 * The global guard. Fails closed: a route is reachable only when it is marked
 * @Public() or names the roles that may call it with @Roles(...).
 */
@Injectable()
export class HubAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
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

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error instanceof CommonError) throw error;
    if (error || !user) throw new CommonError('UNAUTHENTICATED', describeRefusal(info));
    return user;
  }
}

function describeRefusal(info: unknown): string {
  const name = (info as { name?: unknown } | undefined)?.name;
  const message = (info as { message?: unknown } | undefined)?.message;
  if (name === 'TokenExpiredError') return 'The bearer token has expired.';
  if (name === 'NotBeforeError') return 'The bearer token is not valid yet.';
  if (typeof message === 'string' && /no auth token/i.test(message)) return 'Send a bearer token in the Authorization header.';
  if (typeof message === 'string' && message.startsWith('jwt ')) return `The bearer token was refused: ${message.slice(4)}.`;
  return 'The bearer token was refused.';
}

import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Settings } from '../config/settings.js';
import { clientNetwork } from './client-network.js';
import { CommonError } from './common.errors.js';
import { FixedWindows } from './fixed-windows.js';

export const RATE_LIMIT = 'ocx:rate-limit';

export interface RateLimit {
  /** A name, so that routes can share or separate their budgets. */
  bucket: string;
  /** The setting that holds the number of requests allowed per window. */
  limitSetting: { [Name in keyof Settings]-?: Settings[Name] extends number ? Name : never }[keyof Settings];
  windowMs: number;
}

/** Limits a route per partner (authenticated partner routes) or per client network (fixed window, in this process). */
export const RateLimited = (rateLimit: RateLimit): ClassDecorator & MethodDecorator => SetMetadata(RATE_LIMIT, rateLimit);

/**
 * A small fixed-window limiter. @nestjs/throttler would be the library for this,
 * but its CommonJS build cannot load NestJS 12 (ESM-only) under Jest on Node 20.
 * Answers 429 with Retry-After. Counts are per process, as the throttler's
 * default in-memory storage is.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<number, FixedWindows>();

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: Settings,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rateLimit = this.reflector.getAllAndOverride<RateLimit | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!rateLimit) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    // A partner's budget follows the partner, whatever address it calls from; anyone else is counted by network.
    const partnerId = (request as FastifyRequest & { user?: { partnerId?: string } }).user?.partnerId;
    // request.ip is the connecting address, or the client a trusted proxy names (TRUSTED_PROXIES).
    const key = `${rateLimit.bucket}|${partnerId ? `partner:${partnerId}` : clientNetwork(request.ip || '')}`;
    let windows = this.windows.get(rateLimit.windowMs);
    if (!windows) this.windows.set(rateLimit.windowMs, (windows = new FixedWindows(rateLimit.windowMs)));
    const retryAfter = windows.hit(key, Date.now(), this.settings[rateLimit.limitSetting]);
    if (retryAfter === undefined) return true;
    http.getResponse<FastifyReply>().header('Retry-After', String(retryAfter));
    throw new CommonError('RATE_LIMITED', `Too many requests ${partnerId ? `from partner ${partnerId}` : 'from this network'}; try again in ${retryAfter} s.`, { retryAfterSeconds: retryAfter });
  }
}

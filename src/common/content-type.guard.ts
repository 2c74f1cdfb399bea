import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CommonError } from './common.errors.js';

// The metadata key @nestjs/swagger's @ApiConsumes writes (not exported from the package root).
const API_CONSUMES = 'swagger/apiConsumes';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const DEFAULT_MEDIA_TYPES = ['application/json'];

/**
 * Refuses a request body whose media type the route does not take (415), instead
 * of letting an unparsed body reach validation as `{}`. The accepted types are
 * the route's `@ApiConsumes(...)`, so the OpenAPI document and the check agree.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request)) return true;
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [context.getHandler(), context.getClass()]) ?? DEFAULT_MEDIA_TYPES;
    const sent = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (accepted.some((type) => matches(type, sent))) return true;
    throw new CommonError('UNSUPPORTED_MEDIA_TYPE', `This route takes ${accepted.join(' or ')}; the request body is ${sent || 'untyped'}.`, { accepted });
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function matches(accepted: string, sent: string): boolean {
  if (accepted === sent) return true;
  // application/json also covers application/*+json (e.g. merge-patch+json).
  return accepted === 'application/json' && /^application\/[a-z0-9.+-]+\+json$/.test(sent);
}

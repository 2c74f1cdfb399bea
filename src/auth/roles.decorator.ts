import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles.js';

export const REQUIRED_ROLES = 'ocx:roles';

/** The caller must hold at least one of these roles. */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, expired or unverifiable token (problem+json)' }),
    ApiForbiddenResponse({ description: `Requires role: ${roles.join(' or ')} (problem+json)` }),
  );

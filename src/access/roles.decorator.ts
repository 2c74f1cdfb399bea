import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problem.decorator.js';
import type { Role } from './roles.js';

export const REQUIRED_ROLES = 'ocx:roles';

/** The caller must hold at least one of these roles. */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiProblems(401, 403),
  );

import { SetMetadata } from '@nestjs/common';
import type { PartnerScope } from './scopes.js';

export const REQUIRED_SCOPES = 'ocx:scopes';

/** A partner token must carry every one of these scopes (staff, auditor and admin tokens carry roles, not scopes). */
export const Scopes = (...scopes: PartnerScope[]): ClassDecorator & MethodDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

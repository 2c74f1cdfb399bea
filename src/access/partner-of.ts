import { CommonError } from '../common/common.errors.js';
import type { PartnerPrincipal, Principal } from './roles.js';

/** The partner a token acts for; a token that names none is refused (403). */
export function partnerOf(principal: Principal): PartnerPrincipal {
  if (!principal.partnerId) throw new CommonError('FORBIDDEN', 'The token names no partner (claim partner_id).');
  return principal as PartnerPrincipal;
}

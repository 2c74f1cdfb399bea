/** What a partner's access token may do (OAuth 2.0 scopes). */
export const PARTNER_SCOPES = ['referrals:read', 'referrals:write', 'evidence:read', 'cases:write', 'matches:read'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export function isPartnerScope(value: string): value is PartnerScope {
  return (PARTNER_SCOPES as readonly string[]).includes(value);
}

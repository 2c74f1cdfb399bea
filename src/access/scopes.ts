/** What a partner's access token may do (OAuth 2.0 scopes). */
export const PARTNER_SCOPES = ['referrals:read', 'referrals:write', 'evidence:read', 'cases:write', 'matches:read', 'takedowns:read', 'takedowns:write'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** Scopes only a platform's token may carry: takedowns are addressed to platforms. */
export const PLATFORM_SCOPES: readonly PartnerScope[] = ['takedowns:read', 'takedowns:write'];

/** The scopes a partner of this kind may hold (and gets when it asks for none). */
export function scopesOfKind(kind: string): PartnerScope[] {
  return PARTNER_SCOPES.filter((scope) => kind === 'platform' || !PLATFORM_SCOPES.includes(scope));
}

export function isPartnerScope(value: string): value is PartnerScope {
  return (PARTNER_SCOPES as readonly string[]).includes(value);
}

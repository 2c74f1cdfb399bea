/** The hub's roles (ARCHITECTURE.md). */
export const ROLES = ['staff', 'partner', 'platform', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as the guards see it after the token was verified. */
export interface Principal {
  readonly subject: string;
  readonly issuer: string;
  readonly roles: readonly Role[];
  /** Set for partner and platform tokens: the partner the caller acts for. */
  readonly partnerId?: string;
  /** For a hub-issued partner token: the partner's key that obtained it (revoking the key stops the token). */
  readonly keyId?: string;
  /** OAuth scopes of a hub-issued partner token; undefined for tokens of the identity provider. */
  readonly scopes?: readonly string[];
}

/** A caller acting for a partner agency (partner and platform tokens name one). */
export type PartnerPrincipal = Principal & { readonly partnerId: string };

import { describe, expect, it } from '@jest/globals';
import { VerifiedTokens } from '../../../src/auth/verified-tokens.js';
import type { Principal } from '../../../src/access/roles.js';

const principal: Principal = { subject: 'ocpb', issuer: 'urn:ocx:hub', roles: ['partner'], partnerId: 'ocpb', scopes: ['referrals:read'] };

function tokenWith(claims: Record<string, unknown>, kid = 'hub-key-1'): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256', kid })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('VerifiedTokens', () => {
  const now = 1_800_000_000_000;

  it('returns the principal of a remembered token until its exp, and forgets it then', () => {
    const tokens = new VerifiedTokens();
    const token = tokenWith({ iss: 'urn:ocx:hub', exp: now / 1000 + 60 });
    tokens.remember(token, principal);
    expect(tokens.find(token, now)).toEqual({ principal, issuer: 'urn:ocx:hub', kid: 'hub-key-1', expiresAt: now + 60_000 });
    expect(tokens.find(token, now + 60_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('does not keep a token without exp or iss, nor one it cannot read', () => {
    const tokens = new VerifiedTokens();
    tokens.remember(tokenWith({ iss: 'urn:ocx:hub' }), principal);
    tokens.remember(tokenWith({ exp: now / 1000 + 60 }), principal);
    tokens.remember('not.a.token', principal);
    expect(tokens.size).toBe(0);
  });

  it('makes room by dropping the oldest when full', () => {
    const tokens = new VerifiedTokens(2);
    const [first, second, third] = [1, 2, 3].map((n) => tokenWith({ iss: 'urn:ocx:hub', exp: now / 1000 + 60, jti: n }));
    for (const token of [first!, second!, third!]) tokens.remember(token, principal);
    expect(tokens.find(first!, now)).toBeUndefined();
    expect(tokens.find(second!, now)).toBeDefined();
    expect(tokens.find(third!, now)).toBeDefined();
  });
});

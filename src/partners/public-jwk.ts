import { createHash, createPublicKey } from 'node:crypto';

/** An EC P-256 public key as registered for a partner (RFC 7517), private members excluded. */
export interface PublicSigningJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use?: 'sig';
  alg?: 'ES256';
}

export type JwkCheck = { ok: true; jwk: PublicSigningJwk; thumbprint: string } | { ok: false; reason: string };

// Members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;
const KID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts only a well-formed EC P-256 public signing key whose point lies on the
 * curve. The kid defaults to the RFC 7638 thumbprint; a partner may bring its own.
 */
export function checkPublicSigningJwk(candidate: unknown): JwkCheck {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { ok: false, reason: 'the key must be a JWK object' };
  }
  const jwk = candidate as Record<string, unknown>;
  const privateMembers = PRIVATE_MEMBERS.filter((member) => member in jwk);
  if (privateMembers.length > 0) {
    return { ok: false, reason: `the JWK holds private key material (${privateMembers.join(', ')}); register only the public key and keep the private key with the partner` };
  }
  if (jwk.kty !== 'EC') return { ok: false, reason: `kty must be "EC" (got ${JSON.stringify(jwk.kty)})` };
  if (jwk.crv !== 'P-256') return { ok: false, reason: `crv must be "P-256" (got ${JSON.stringify(jwk.crv)})` };
  for (const coordinate of ['x', 'y'] as const) {
    const value = jwk[coordinate];
    if (typeof value !== 'string' || !BASE64URL_32_BYTES.test(value)) {
      return { ok: false, reason: `${coordinate} must be the 32-byte coordinate in base64url without padding` };
    }
  }
  if (jwk.alg !== undefined && jwk.alg !== 'ES256') return { ok: false, reason: `alg must be "ES256" when present (got ${JSON.stringify(jwk.alg)})` };
  if (jwk.use !== undefined && jwk.use !== 'sig') return { ok: false, reason: `use must be "sig" when present (got ${JSON.stringify(jwk.use)})` };
  if (jwk.key_ops !== undefined) {
    const ops = jwk.key_ops;
    if (!Array.isArray(ops) || ops.some((op) => op !== 'verify')) return { ok: false, reason: 'key_ops may only contain "verify"' };
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || !KID_PATTERN.test(jwk.kid))) {
    return { ok: false, reason: 'kid must be 1-128 characters of letters, digits and . _ : -' };
  }
  const x = jwk.x as string;
  const y = jwk.y as string;
  try {
    // Rejects points that are not on the curve.
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
  } catch {
    return { ok: false, reason: 'x and y are not a point on the P-256 curve' };
  }
  const thumbprint = jwkThumbprint({ crv: 'P-256', kty: 'EC', x, y });
  const kid = typeof jwk.kid === 'string' ? jwk.kid : thumbprint;
  return {
    ok: true,
    thumbprint,
    jwk: { kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' },
  };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
export function jwkThumbprint(members: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: members.crv, kty: members.kty, x: members.x, y: members.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

import type { Principal } from '../access/roles.js';

interface VerifiedToken {
  principal: Principal;
  /** When the token expires (ms since the epoch); not cached past it. */
  expiresAt: number;
  issuer: string;
  kid: string | undefined;
}

/**
 * Bearer tokens already verified, so that a partner sending thousands of requests
 * with one token pays for its signature once, not on every request (a quarter of
 * the CPU of a simple authenticated GET here). Only a token that passed every
 * check is kept, and only until its `exp`; a token without `exp` is not kept.
 * Bounded: when full, the oldest entry makes room.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, VerifiedToken>();

  constructor(private readonly capacity = 10_000) {}

  /** The principal of a token verified earlier and not expired, or undefined. */
  find(token: string, now = Date.now()): { principal: Principal; issuer: string; kid: string | undefined } | undefined {
    const known = this.tokens.get(token);
    if (!known) return undefined;
    if (known.expiresAt <= now) {
      this.tokens.delete(token);
      return undefined;
    }
    return known;
  }

  remember(token: string, principal: Principal): void {
    const claims = claimsOf(token);
    if (!claims || typeof claims.exp !== 'number' || typeof claims.iss !== 'string') return;
    if (this.tokens.size >= this.capacity) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, { principal, expiresAt: claims.exp * 1000, issuer: claims.iss, kid: claims.kid });
  }

  forget(token: string): void {
    this.tokens.delete(token);
  }

  get size(): number {
    return this.tokens.size;
  }
}

/** `exp` and `iss` of a (verified) token, and its header's `kid`. */
function claimsOf(token: string): { exp?: unknown; iss?: unknown; kid: string | undefined } | undefined {
  const [header, payload] = token.split('.');
  try {
    const { kid } = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp?: unknown; iss?: unknown };
    return { exp: claims.exp, iss: claims.iss, kid: typeof kid === 'string' ? kid : undefined };
  } catch {
    return undefined;
  }
}

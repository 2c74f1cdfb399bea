/**
 * Who is signed in. The token lives in memory only (never in storage a script could read
 * later); it is renewed a few minutes before it expires, and a 401 ends the session with a
 * message instead of failing requests one by one.
 */
import { claimsOf, refreshOidcTokens, type OidcTokens, type SignInConfig } from './oidc';

export type Role = 'staff' | 'admin' | 'auditor';
const ROLES: readonly Role[] = ['admin', 'staff', 'auditor'];

interface Current {
  token: string;
  expiresAt: number;
  role: Role;
  subject: string;
  /** How to get the next token: the development issuer again, or the OIDC refresh token. */
  renew: { kind: 'development' } | { kind: 'oidc'; refreshToken: string | undefined };
}

type Listener = () => void;

const RENEW_BEFORE_MS = 5 * 60_000;

class Session {
  private current: Current | undefined;
  private listeners = new Set<Listener>();
  config: SignInConfig = { development: false, oidc: null };
  /** Why the last session ended, shown on the sign-in page. */
  endedBecause: string | undefined;

  get signedIn(): { role: Role; subject: string } | undefined {
    return this.current && { role: this.current.role, subject: this.current.subject };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(role: Role, subject: string): Promise<void> {
    const response = await fetch('/v1/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, subject }) });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; detail?: string };
    if (!response.ok || !body.access_token) throw new Error(body.detail ?? `Sign-in failed (${response.status})`);
    this.current = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000, role, subject, renew: { kind: 'development' } };
    this.endedBecause = undefined;
    this.notify();
  }

  /** Tokens from the OpenID Connect issuer: who and which role come from the access token's claims. */
  signedInWithOidc(tokens: OidcTokens): void {
    const claims = claimsOf(tokens.accessToken);
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    const role = ROLES.find((candidate) => roles.includes(candidate));
    if (!role) throw new Error('Your account has no role in the 1212 console (staff, admin or auditor). Ask an administrator.');
    this.current = { token: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000, role, subject: claims.sub ?? '?', renew: { kind: 'oidc', refreshToken: tokens.refreshToken } };
    this.endedBecause = undefined;
    this.notify();
  }

  async token(): Promise<string | undefined> {
    const current = this.current;
    if (current && Date.now() > current.expiresAt - RENEW_BEFORE_MS) {
      try {
        if (current.renew.kind === 'development') await this.signIn(current.role, current.subject);
        else if (current.renew.refreshToken && this.config.oidc) this.signedInWithOidc(await refreshOidcTokens(this.config.oidc, current.renew.refreshToken));
        else if (Date.now() >= current.expiresAt) this.expired();
      } catch {
        this.expired();
      }
    }
    return this.current?.token;
  }

  expired(): void {
    if (!this.current) return;
    this.current = undefined;
    this.endedBecause = 'Your session has expired. Sign in again: what you typed is still on the page. · หมดเวลาเข้าใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง';
    this.notify();
  }

  signOut(): void {
    this.current = undefined;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();

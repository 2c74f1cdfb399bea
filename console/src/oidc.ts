import * as oauth from 'oauth4webapi';

/** How people sign in on this hub (GET /v1/console/config). */
export interface SignInConfig {
  development: boolean;
  oidc: { issuer: string; clientId: string; scope: string; resource: string | null } | null;
}

export interface OidcTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string | undefined;
}

const PENDING = 'ocx.console.oidc';
const redirectUri = (): string => `${location.origin}/console/`;

/** Plain http only to an issuer on this machine (a test or a laptop); anywhere else it must be https. */
function transport(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
  const loopback = issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost' || issuer.hostname === '[::1]';
  return issuer.protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(config: NonNullable<SignInConfig['oidc']>): Promise<{ as: oauth.AuthorizationServer; client: oauth.Client }> {
  const issuer = new URL(config.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...transport(issuer) }));
  return { as, client: { client_id: config.clientId } };
}

/**
 * Authorization code with PKCE (RFC 7636), as oauth4webapi does it: the verifier and state wait in
 * sessionStorage for the redirect back (never the tokens, which stay in memory).
 */
export async function startOidcSignIn(config: NonNullable<SignInConfig['oidc']>): Promise<void> {
  const { as } = await discover(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: config.scope,
    ...(config.resource ? { resource: config.resource } : {}),
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

/** Back from the issuer with a code: exchanges it; undefined when this page load is not such a return. */
export async function completeOidcSignIn(config: NonNullable<SignInConfig['oidc']>): Promise<OidcTokens | undefined> {
  const here = new URL(location.href);
  const pendingText = sessionStorage.getItem(PENDING);
  if (!pendingText || !(here.searchParams.has('code') || here.searchParams.has('error'))) return undefined;
  sessionStorage.removeItem(PENDING);
  const pending = JSON.parse(pendingText) as { verifier: string; state: string; returnTo: string };
  // The code and state leave the address bar (and the history) at once.
  history.replaceState(null, '', `/console/${pending.returnTo}`);
  const { as, client } = await discover(config);
  const parameters = oauth.validateAuthResponse(as, client, here, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), parameters, redirectUri(), pending.verifier, {
    ...(config.resource ? { additionalParameters: { resource: config.resource } } : {}),
    ...transport(new URL(config.issuer)),
  });
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { accessToken: tokens.access_token, expiresIn: tokens.expires_in ?? 300, refreshToken: tokens.refresh_token };
}

export async function refreshOidcTokens(config: NonNullable<SignInConfig['oidc']>, refreshToken: string): Promise<OidcTokens> {
  const { as, client } = await discover(config);
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshToken, { ...(config.resource ? { additionalParameters: { resource: config.resource } } : {}), ...transport(new URL(config.issuer)) });
  const tokens = await oauth.processRefreshTokenResponse(as, client, response);
  return { accessToken: tokens.access_token, expiresIn: tokens.expires_in ?? 300, refreshToken: tokens.refresh_token ?? refreshToken };
}

/** The claims of a token, for showing who is signed in (the hub verifies it; the page only reads it). */
export function claimsOf(token: string): { sub?: string; roles?: unknown } {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (character) => character.charCodeAt(0)))) as { sub?: string; roles?: unknown };
  } catch {
    return {};
  }
}

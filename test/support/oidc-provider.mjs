// A real OpenID Connect provider on loopback for the console's sign-in tests (panva's oidc-provider):
// authorization code with PKCE for a public client, JWT access tokens for the hub's audience with a
// `roles` claim. Run as its own process (`node test/support/oidc-provider.mjs`), configured by environment:
// OIDC_PORT, OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_AUDIENCE. A login "admin-…" gets the admin role,
// any other login the staff role; any password is accepted (devInteractions). Prints "ready <issuer>".
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.OIDC_AUDIENCE ?? 'ocx-hub';
// RFC 8707 wants an absolute URI for the resource; the token's audience is the hub's name.
const resource = process.env.OIDC_RESOURCE ?? 'urn:ocx:hub';
const signingKey = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'test-idp-1', use: 'sig', alg: 'ES256' };
const rolesOf = (accountId) => (accountId.startsWith('admin-') ? ['admin'] : ['staff']);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    },
  ],
  jwks: { keys: [signingKey] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name'] },
  clientBasedCORS: () => true,
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'openid profile', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'ES256' } } }),
    },
  },
  findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId, name: accountId }) }),
  extraTokenClaims: (_ctx, token) => (token.accountId ? { roles: rolesOf(token.accountId) } : undefined),
  loadExistingGrant: async (ctx) => {
    // A first-party client: consent is implied, as an organisation's own IdP would configure it.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(resource, 'openid profile');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));

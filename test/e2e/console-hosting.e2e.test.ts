import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestDatabase } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';

/** How the hub serves the console and signs people in on a laptop (no browser needed). */
describe('console hosting and the development sign-in', () => {
  let hub: HubProcess;
  let production: HubProcess;

  beforeAll(async () => {
    const database = await TestDatabase.createIsolated('console_hosting');
    [hub, production] = await Promise.all([
      startHubProcess(database, { DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false' }),
      // As a production hub is set up: no development issuer.
      startHubProcess(database, { DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false', AUTH_DEV_ISSUER: 'false', OIDC_ISSUER: 'https://idp.example.go.th', OIDC_JWKS_URL: 'https://idp.example.go.th/jwks' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([hub?.stop(), production?.stop()]);
  });

  it('serves the page revalidated, its hashed assets cached for a year, all under a strict CSP', async () => {
    for (const path of ['/console', '/console/']) {
      const page = await fetch(hub.baseUrl + path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await page.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
      const asset = await fetch(hub.baseUrl + script);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${hub.baseUrl}/console/../package.json`)).status).toBe(404);
  });

  it('signs a person in with the development issuer, and the token works on staff routes', async () => {
    const signIn = await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'somchai' }) });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const { access_token: token, expires_in: expiresIn } = (await signIn.json()) as { access_token: string; expires_in: number };
    expect(expiresIn).toBe(3600);
    expect((await fetch(`${hub.baseUrl}/v1/complaints`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refuses a role people cannot sign in with, a bad name, and any sign-in where the development issuer is off', async () => {
    const attempt = (base: string, body: unknown) => fetch(`${base}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const partner = await attempt(hub.baseUrl, { role: 'partner', subject: 'x' });
    expect(partner.status).toBe(422);
    expect(partner.headers.get('content-type')).toContain('application/problem+json');
    expect((await attempt(hub.baseUrl, { role: 'admin', subject: 'Robert"); DROP' })).status).toBe(422);
    const off = await attempt(production.baseUrl, { role: 'admin', subject: 'admin1' });
    expect(off.status).toBe(404);
    expect(((await off.json()) as { code: string }).code).toBe('NOT_FOUND');
  });
});

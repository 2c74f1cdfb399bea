import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { findAbove } from '../common/find-above.js';
import { fileURLToPath } from 'node:url';

/**
 * What the console's pages may load: only the hub's own files and API (and the OpenID Connect
 * issuer, when people sign in there), no inline script or style, no framing. The console is
 * built to need nothing more (Vite emits external modules).
 */
export function consoleContentSecurityPolicy(oidcIssuer?: string): string {
  // With OpenID Connect sign-in the page also talks to the issuer (discovery, token exchange), and nothing else.
  const connect = ["'self'", ...(oidcIssuer ? [new URL(oidcIssuer).origin] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `console/dist` from wherever this file runs (src/ under Jest, dist/src/ when built); undefined when not built. */
export function findConsoleBuild(start = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  return findAbove(start, path.join('console', 'dist'), 'index.html');
}

/**
 * Serves the 1212 console at /console/: hashed assets cached for a year (their names change
 * with their content), the page itself revalidated on every load so a new build shows at once.
 */
export async function serveConsole(app: NestFastifyApplication, root: string, contentSecurityPolicy: string): Promise<void> {
  // Loaded only when the console is served: its CommonJS build needs require(esm), which Jest's loader lacks.
  const { default: fastifyStatic } = await import('@fastify/static');
  // In a plugin of its own: `sendFile` is decorated there only (Swagger UI registers the same plugin undecorated).
  await app.getHttpAdapter().getInstance().register(async (scope: FastifyInstance) => {
    await scope.register(fastifyStatic, {
      root,
      prefix: '/console/',
      decorateReply: true,
      index: false,
      cacheControl: false,
      setHeaders: (response, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        response.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        response.header('Content-Security-Policy', contentSecurityPolicy);
        response.header('X-Content-Type-Options', 'nosniff');
        response.header('Referrer-Policy', 'no-referrer');
      },
    });
    // The router ignores trailing slashes, so this one route is both /console and /console/.
    scope.get('/console', (_request, reply) => reply.sendFile('index.html'));
  });
}

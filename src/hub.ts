import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBodyParser, RawServerDefault } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type HubConnections } from './app.module.js';
import { FORM_BODY_LIMIT } from './common/body-limits.js';
import { trustedProxies } from './common/client-network.js';
import { clientErrorHandler, frameworkErrors } from './common/framework-errors.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/request-id.js';
import { SafeInputPipe } from './common/safe-input.pipe.js';
import { createValidationPipe } from './common/validation.js';
import type { Settings } from './config/settings.js';
import { createHubLogger, logRequests } from './logging.js';
import { consoleSignIn } from './console/console-sign-in.js';
import { consoleContentSecurityPolicy, findConsoleBuild, serveConsole } from './console/serve-console.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * Builds the hub application (not yet listening). main.ts, the tests and the
 * OpenAPI generator all go through here, so they see the same hub.
 */
export async function createHub(settings: Settings, connections: HubConnections, options: { preview?: boolean } = {}): Promise<NestFastifyApplication> {
  // Fastify rather than Express: the same NestJS application for 0.3–0.5 ms less CPU a request
  // (routes found by a radix tree rather than tried one by one); see bench/README.md.
  const adapter = new FastifyAdapter({
    bodyLimit: settings.JSON_BODY_LIMIT,
    // X-Forwarded-For only from the proxies the operator names (TRUSTED_PROXIES); by default from nobody.
    trustProxy: trustedProxies(settings.TRUSTED_PROXIES),
    return503OnClosing: true,
    genReqId: requestIdFor,
    // As Express routed: `/v1/complaints/` is `/v1/complaints`.
    routerOptions: { ignoreTrailingSlash: true },
    // Node's own limit on receiving one request (slow senders), which Fastify turns off by default.
    requestTimeout: 300_000,
    // Refusals made before routing are problem documents too.
    frameworkErrors,
    clientErrorHandler,
  });
  const logger = createHubLogger(settings);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, connections, logger), adapter, {
    bufferLogs: true,
    preview: options.preview ?? false,
    abortOnError: false,
  });
  if (!options.preview) app.useLogger(app.get(Logger));
  const fastify = adapter.getInstance();
  logRequests(fastify, logger);
  // The id (genReqId) goes back in the response before any body is read, so that even a malformed body's problem carries it.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // JSON (and application/*+json, e.g. merge-patch) up to JSON_BODY_LIMIT. An empty body is no body, as it was on
  // Express: validation then names the missing fields, and a POST that takes none is not refused for its header.
  const strictJson = fastify.getDefaultJsonParser('error', 'error');
  const json: FastifyBodyParser<Buffer, RawServerDefault> = (request, body, done) => (body.length === 0 ? done(null, undefined) : strictJson(request, body.toString('utf8'), done));
  app.useBodyParser('application/json', { bodyLimit: settings.JSON_BODY_LIMIT }, json);
  app.useBodyParser(/^application\/[a-z0-9.+-]+\+json$/, { bodyLimit: settings.JSON_BODY_LIMIT }, json);
  // Form bodies only reach the OAuth token endpoint (RFC 6749 §4.4.2), and are small.
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: FORM_BODY_LIMIT });
  // Signed documents travel as compact JWS (RFC 7515 §9.2.1), kept as the exact string received.
  app.useBodyParser<RawServerDefault>('application/jose', { bodyLimit: settings.JSON_BODY_LIMIT }, (_request, body, done) => done(null, body.toString('utf8')));
  // Signed notes (a witness's cosigned checkpoint) are text, and small.
  app.useBodyParser<RawServerDefault>('text/plain', { bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => done(null, body.toString('utf8')));
  // Any other body is left unread: the evidence upload streams it, and ContentTypeGuard answers 415 elsewhere
  // (registered on Fastify itself, as the adapter would take a catch-all for a replacement of its JSON parser).
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  // Unstorable text and runaway nesting are refused before the validators see them.
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());

  if (settings.CONSOLE_UI && !options.preview) {
    const consoleBuild = findConsoleBuild();
    if (consoleBuild) await serveConsole(app, consoleBuild, consoleContentSecurityPolicy(consoleSignIn(settings).oidc?.issuer));
    else logger.warn('console/dist is missing (run npm run build): /console is not served');
  }
  const document = buildOpenApiDocument(app);
  if (settings.OPENAPI_UI) {
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  }
  return app;
}

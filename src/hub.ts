import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type HubConnections } from './app.module.js';
import { assignRequestId } from './common/request-id.js';
import { createValidationPipe } from './common/validation.js';
import type { Settings } from './config/settings.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * Builds the hub application (not yet listening). main.ts, the tests and the
 * OpenAPI generator all go through here, so they see the same hub.
 */
export async function createHub(settings: Settings, connections: HubConnections, options: { preview?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings, connections), {
    bufferLogs: true,
    bodyParser: false,
    preview: options.preview ?? false,
    abortOnError: false,
  });
  if (!options.preview) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Before the body parser, so that even a malformed body's problem carries the request id.
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    assignRequestId(request, response);
    next();
  });
  app.useBodyParser('json', { limit: settings.JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  // The OAuth token endpoint takes form bodies (RFC 6749 §4.4.2).
  app.useBodyParser('urlencoded', { limit: 16 * 1024, extended: false, type: 'application/x-www-form-urlencoded' });
  // Signed documents travel as compact JWS (RFC 7515 §9.2.1); kept as the exact string received.
  app.useBodyParser('text', { limit: settings.JSON_BODY_LIMIT, type: 'application/jose' });
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app);
  if (settings.OPENAPI_UI) {
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  }
  return app;
}

import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { REQUIRED_ROLES } from './access/roles.decorator.js';
import { REQUIRED_SCOPES } from './access/scopes.decorator.js';
import { IS_PUBLIC } from './access/public.decorator.js';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DOCUMENT_KINDS, DOCUMENT_NAMES } from './standard/codes.js';
import { standardComponentName, standardSchemaComponents } from './standard/openapi-components.js';
import { readStandardSchemas } from './standard/schema-registry.js';

export const OPENAPI_FILE = 'openapi/ocx-hub.v1.json';

/** The hub's OpenAPI document, built from the controllers' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OCX hub')
    .setDescription(
      'The Online Complaint eXchange hub: reference implementation of the OCX v1 standard, through which Thailand\'s ' +
        '1212 online-complaint centre refers cases to partner agencies and receives their status. Errors are RFC 9457 ' +
        'problem documents (application/problem+json); each `type` is dereferenceable under /problems.',
    )
    .setVersion('1.0.0')
    .setOpenAPIVersion('3.1.0')
    // The API description is part of the standard (schemas/LICENSE); the hub's code is Apache-2.0 (LICENSE).
    .setLicense('CC-BY-4.0', 'https://creativecommons.org/licenses/by/4.0/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  document.servers = [{ url: 'http://127.0.0.1:3000', description: 'A hub started with `npm start` on the embedded defaults' }];
  describeAccess(app, document);
  document.webhooks = pushes();
  document.externalDocs = { description: 'OCX v1: documents, signing, flows, versioning (schemas/README.md)', url: '/v1/schemas' };
  document.components ??= {};
  document.components.schemas ??= {};
  // The documents of the standard, from its JSON Schemas (referenced, not restated)...
  // Read, not compiled: the hub builds this document at every start, and only the validators need Ajv.
  const standard = readStandardSchemas();
  for (const [name, schema] of Object.entries(standardSchemaComponents((schemaName) => standard.get(schemaName)))) {
    if (document.components.schemas[name]) throw new Error(`component ${name} is both a view and a schema of the standard`);
    document.components.schemas[name] = schema;
  }
  // ...and the signed documents: JWS strings whose payloads are those documents.
  for (const name of DOCUMENT_NAMES) {
    const kind = DOCUMENT_KINDS[name];
    const jws: Record<string, unknown> = {
      type: 'string',
      description: `A JWS in compact serialisation (ES256, typ "${kind.typ}") whose payload is an OCX v1 ${kind.type} document (the ${standardComponentName(name)} schema here); its JSON Schema (draft 2020-12) is served at /v1/schemas/${name}.`,
      externalDocs: { description: `JSON Schema of ${kind.type}`, url: `/v1/schemas/${name}` },
      pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
      // JSON Schema 2020-12 content vocabulary: what the string carries once its signature is checked.
      contentMediaType: 'application/jose',
      contentSchema: { $ref: `#/components/schemas/${standardComponentName(name)}` },
      ...(Number.isFinite(kind.maxBytes) ? { maxLength: kind.maxBytes } : {}),
    };
    document.components.schemas[`${standardComponentName(name)}Jws`] = jws;
  }
  return document;
}

/**
 * Who may call each operation, from the guards' own metadata (@Public, @Roles, @Scopes):
 * said in its description and as `x-ocx-roles` / `x-ocx-scopes`, and a public operation
 * declares `security: []` (no token), so that clients and linters need not guess.
 */
function describeAccess(app: INestApplication, document: OpenAPIObject): void {
  const access = new Map<string, { isPublic: boolean; roles: string[]; scopes: string[] }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const method = (controller.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof method !== 'function') continue;
        const operation = Reflect.getMetadata('swagger/apiOperation', method) as { operationId?: string } | undefined;
        if (!operation?.operationId) continue;
        const own = <T>(name: string): T | undefined => (Reflect.getMetadata(name, method) as T | undefined) ?? (Reflect.getMetadata(name, controller) as T | undefined);
        access.set(operation.operationId, { isPublic: own<boolean>(IS_PUBLIC) === true, roles: own<string[]>(REQUIRED_ROLES) ?? [], scopes: own<string[]>(REQUIRED_SCOPES) ?? [] });
      }
    }
  }
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Array<{ operationId?: string; description?: string; security?: unknown[]; [extension: string]: unknown }>) {
      const rule = operation?.operationId ? access.get(operation.operationId) : undefined;
      if (!rule) continue;
      if (rule.isPublic) {
        operation.security = [];
        operation.description = [operation.description, '**Access:** public, no token.'].filter(Boolean).join('\n\n');
        continue;
      }
      operation['x-ocx-roles'] = rule.roles;
      if (rule.scopes.length > 0) operation['x-ocx-scopes'] = rule.scopes;
      const who = rule.roles.length > 0 ? `a token with the role ${rule.roles.map((role) => `\`${role}\``).join(' or ')}` : 'any valid token';
      const scopes = rule.scopes.length > 0 ? `; a partner token must carry the scope ${rule.scopes.map((scope) => `\`${scope}\``).join(' and ')}` : '';
      operation.description = [operation.description, `**Access:** ${who}${scopes}.`].filter(Boolean).join('\n\n');
    }
  }
}

/**
 * What the hub POSTs to a partner's `endpointUrl` (deliveryMode `push`): the signed
 * document itself, with Standard Webhooks' id and timestamp headers. The body is the
 * signature: verify the JWS with the hub's JWKS, as for a pulled document.
 */
function pushes(): NonNullable<OpenAPIObject['webhooks']> {
  const push = (documentType: string, component: string, summary: string): NonNullable<OpenAPIObject['webhooks']>[string] => ({
    post: {
      operationId: `push${component.replace(/^Ocx|Jws$/g, '')}`,
      summary,
      description:
        'Sent at least once: a push that got no 2xx is sent again (same `webhook-id`, same body) on DELIVERY_RETRY_SCHEDULE, ' +
        'so de-duplicate on `webhook-id`. 2xx marks it delivered. 410 Gone pauses pushes to the endpoint until 1212 staff resume it; ' +
        '429 and 503 with Retry-After are believed (up to a limit); anything else, or no answer within DELIVERY_TIMEOUT_MS, is retried. ' +
        'Redirects are not followed.',
      security: [],
      parameters: [
        { name: 'webhook-id', in: 'header', required: true, description: 'The delivery id: the same on every retry of this push', schema: { type: 'string', format: 'uuid' } },
        { name: 'webhook-timestamp', in: 'header', required: true, description: 'When this attempt was sent, seconds since the epoch: refuse one far from your clock', schema: { type: 'string', pattern: '^[0-9]+$' } },
        { name: 'ocx-document-type', in: 'header', required: true, description: 'The document type of the body', schema: { type: 'string', enum: [documentType] } },
      ],
      requestBody: { required: true, content: { 'application/jose': { schema: { $ref: `#/components/schemas/${component}` } } } },
      responses: {
        '200': { description: 'Received: the push is delivered (any 2xx)' },
        '410': { description: 'The endpoint is gone: pushes to it pause until staff resume them' },
        '429': { description: 'Slow down: the next attempt waits as long as Retry-After says', headers: { 'Retry-After': { schema: { type: 'string' } } } },
        '503': { description: 'Unavailable: the next attempt waits as long as Retry-After says', headers: { 'Retry-After': { schema: { type: 'string' } } } },
      },
    },
  });
  return {
    referral: push('ocx.referral', 'OcxReferralJws', 'A referral (a new one, or a new version of one) pushed to an agency'),
    takedownRequest: push('ocx.takedown-request', 'OcxTakedownRequestJws', 'A takedown request pushed to a platform'),
    matchNotice: push('ocx.match-notice', 'OcxMatchNoticeJws', "A MatchNotice: the agency's case is linked to other agencies' cases"),
  };
}

/** Stable serialisation (keys sorted at every level) so that diffs of the committed file are meaningful. */
export function serialiseSorted(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

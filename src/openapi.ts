import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DOCUMENT_KINDS, DOCUMENT_NAMES } from './standard/codes.js';

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
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  document.externalDocs = { description: 'OCX v1: documents, signing, flows, versioning (schemas/README.md)', url: '/v1/schemas' };
  document.components ??= {};
  document.components.schemas ??= {};
  // The signed documents of the standard: JWS strings whose payloads follow the JSON Schemas served by the hub.
  for (const name of DOCUMENT_NAMES) {
    const kind = DOCUMENT_KINDS[name];
    document.components.schemas[`Ocx${name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Jws`] = {
      type: 'string',
      description: `A JWS in compact serialisation (ES256, typ "${kind.typ}") whose payload is an OCX v1 ${kind.type} document; its JSON Schema (draft 2020-12) is served at /v1/schemas/${name}.`,
      externalDocs: { description: `JSON Schema of ${kind.type}`, url: `/v1/schemas/${name}` },
      pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
      ...(Number.isFinite(kind.maxBytes) ? { maxLength: kind.maxBytes } : {}),
    };
  }
  return document;
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

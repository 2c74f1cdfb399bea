import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { PartnerClient } from '../support/partner-client.js';
import { aComplaint } from '../support/complaint-builder.js';

/**
 * A property-based fuzz of every operation in the committed OpenAPI document (issue 15):
 * requests built from each operation's own description — path parameters, query
 * parameters, bodies shaped like its schema — with hostile values mixed in (NUL, unpaired
 * surrogates, huge numbers, ids that are almost UUIDs, deep nesting, wrong types). For
 * every request: no 5xx; every 4xx is an RFC 9457 problem document; a refused request
 * writes no row (the audit log aside, which records refusals on purpose); the hub stays up.
 *
 * Bounded for CI: FUZZ_RUNS requests in all (default 2,000), spread over the operations.
 * A failure prints fast-check's seed and path: rerun with FUZZ_SEED and FUZZ_PATH.
 */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }>;
  bodyTypes: string[];
  bodySchema?: Schema;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  nullable?: boolean;
}

const openapi = JSON.parse(readFileSync(path.resolve('openapi', 'ocx-hub.v1.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

const operations: Operation[] = Object.entries(openapi.paths).flatMap(([route, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path: route,
        operationId: operation.operationId,
        parameters: operation.parameters ?? [],
        bodyTypes: Object.keys(content),
        ...(content['application/json']?.schema ? { bodySchema: content['application/json'].schema } : {}),
      };
    }),
);

/** Strings people and attackers send: ordinary, Thai, empty, long, and the ones that used to break the hub. */
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('โอนเงินแล้วไม่ได้ของ', '081-234-5678', 'ocpb', '', ' ', 'null', '0', '-1', 'true') },
  { weight: 1, arbitrary: fc.constantFrom('a\u0000b', '\u0000', '\ud800', 'x\udfffy', '\ufeff\u200b', '%00', '%C0%AF', '../../etc/passwd', '<script>', "' OR 1=1 --") },
  { weight: 1, arbitrary: fc.constantFrom('-'.repeat(36), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '9999999999999999999', '1e400', 'x'.repeat(5000)) },
  { weight: 1, arbitrary: fc.uuid() },
);

const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e21, -1e21, Number.MAX_VALUE));

/** Any JSON, nested a little or, rarely, very deep. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 3000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown) },
);

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return openapi.components.schemas[schema.$ref.split('/').pop()!] ?? {};
}

/** A value shaped by the schema most of the time, something else some of the time. */
function valueFor(input: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  const variants = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((variant) => valueFor(variant, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let shaped: fc.Arbitrary<unknown>;
  if (schema.enum) shaped = fc.constantFrom(...schema.enum);
  else if (type === 'object' || schema.properties) {
    if (depth > 3) return anyJson;
    const properties = Object.entries(schema.properties ?? {});
    shaped = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valueFor(property, depth + 1)])), { requiredKeys: [] });
  } else if (type === 'array') shaped = fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 3 });
  else if (type === 'integer' || type === 'number') shaped = hostileNumber;
  else if (type === 'boolean') shaped = fc.boolean();
  else if (schema.format === 'uuid') shaped = fc.oneof(fc.uuid(), hostileString);
  else if (schema.format === 'date-time' || schema.format === 'date') shaped = fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), hostileString);
  else shaped = hostileString;
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

/** Percent-encoded; an unpaired surrogate (which encodeURIComponent refuses) goes as the bytes a careless client sends. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80');
  }
}

interface FuzzRequest {
  path: string;
  token: boolean;
  contentType?: string;
  body?: string | Uint8Array;
  /** A payload the agency signs with its registered key just before sending: the fuzz then reaches past the signature. */
  signed?: { payload: string; typ: string };
}

const SIGNED_BY_PARTNERS = ['status-event', 'case-share', 'takedown-response'] as const;
const documentSchemas = Object.fromEntries(SIGNED_BY_PARTNERS.map((name) => [name, JSON.parse(readFileSync(path.resolve('schemas', 'ocx', 'v1', `${name}.schema.json`), 'utf8')) as Schema]));

/** A document a partner could sign: shaped by its JSON Schema, mostly with the right type, sender and referral. */
function signedDocument(name: (typeof SIGNED_BY_PARTNERS)[number], knownIds: () => Record<string, string[]>): fc.Arbitrary<{ payload: string; typ: string }> {
  const shaped = valueFor(documentSchemas[name]!).map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}));
  return fc.record({ shaped, honest: fc.nat(4), typ: fc.oneof({ weight: 9, arbitrary: fc.constant(`ocx-${name}+jws`) }, { weight: 1, arbitrary: hostileString }), twice: fc.nat(9) }).map(({ shaped: document, honest, typ, twice }) => {
    const ids = knownIds();
    const fixed = honest === 0 ? document : { ...document, type: `ocx.${name}`, ocxVersion: '1.0', partnerId: ids.partnerId?.[0], platform: ids.partnerId?.[0], referralId: ids.referralId?.[0] };
    let payload = JSON.stringify(fixed);
    // Now and then a member written twice (RFC 7493).
    if (twice === 0) payload = payload.replace('{', '{"status":"rejected",');
    return { payload, typ };
  });
}

function requestFor(operation: Operation, knownIds: () => Record<string, string[]>): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query');
  const pathValue = (name: string): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 3, arbitrary: hostileString.map(encodePathSegment) },
      { weight: 1, arbitrary: fc.constantFrom('%C0%AF', '%00', 'a'.repeat(120), '%', '..') },
      // A real id now and then, so that the fuzz reaches past the lookup.
      { weight: 2, arbitrary: fc.constant(null).map(() => knownIds()[name]?.[0] ?? 'ocpb') },
    );
  const query = fc.record(
    Object.fromEntries([
      ...queryParams.map((parameter) => [parameter.name, fc.option(parameter.schema ? valueFor(parameter.schema).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))) : hostileString, { nil: undefined, freq: 2 })]),
      ['unexpected', fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileString })],
    ]),
  );
  const body: fc.Arbitrary<{ contentType?: string; body?: string | Uint8Array; signed?: { payload: string; typ: string } }> =
    operation.method === 'GET'
      ? fc.constant({})
      : operation.bodyTypes.length === 0
      ? fc.oneof(fc.constant({}), hostileString.map((text) => ({ contentType: 'application/json', body: text })))
      : fc.constantFrom(...operation.bodyTypes).chain((contentType): fc.Arbitrary<{ contentType?: string; body?: string | Uint8Array; signed?: { payload: string; typ: string } }> => {
          if (contentType === 'application/json') {
            return fc.oneof(
              { weight: 4, arbitrary: (operation.bodySchema ? valueFor(operation.bodySchema) : anyJson).map((value) => ({ contentType, body: JSON.stringify(value) ?? 'null' })) },
              { weight: 1, arbitrary: fc.constantFrom('{', '{"a":1,}', '', '[]', '{"__proto__":{"admin":true}}', '{"a":1,"a":2}').map((text) => ({ contentType, body: text })) },
            );
          }
          if (contentType === 'application/jose') {
            const name = operation.path.endsWith('/events') ? 'status-event' : operation.path.endsWith('/cases') ? 'case-share' : undefined;
            const documents = name ? signedDocument(name, knownIds) : fc.constantFrom(...SIGNED_BY_PARTNERS).chain((any) => signedDocument(any, knownIds));
            return fc.oneof(
              { weight: 3, arbitrary: documents.map((signed) => ({ contentType, signed })) },
              { weight: 1, arbitrary: hostileString.map((text) => ({ contentType, body: text })) },
              { weight: 1, arbitrary: fc.tuple(fc.base64String({ maxLength: 40 }), fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 90 })).map((parts) => ({ contentType, body: parts.map((part) => part.replace(/[+/=]/g, '')).join('.') })) },
            );
          }
          if (contentType === 'application/x-www-form-urlencoded') {
            return fc.dictionary(fc.constantFrom('grant_type', 'client_assertion_type', 'client_assertion', 'scope', 'client_id', 'other'), hostileString, { maxKeys: 6 })
              .chain((fields) => fc.boolean().map((repeat) => {
                const form = new URLSearchParams(fields);
                if (repeat) form.append('scope', 'referrals:read');
                return { contentType, body: form.toString() };
              }));
          }
          return fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ contentType, body: bytes }));
        });
  const pathArbitrary = pathParams.length === 0
    ? fc.constant(operation.path)
    : fc.tuple(...pathParams.map((parameter) => pathValue(parameter.name))).map((values) => pathParams.reduce((built, parameter, index) => built.replace(`{${parameter.name}}`, values[index]!), operation.path));
  return fc.record({ path: pathArbitrary, query, token: fc.nat(9).map((roll) => roll !== 0), body }).map(({ path: built, query: values, token, body: payload }) => {
    const search = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString();
    return { path: search ? `${built}?${search}` : built, token, ...payload };
  });
}

describe('fuzz: every operation of the OpenAPI document', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let token: string;
  const ids: Record<string, string[]> = {};
  let tables: string[];
  let agency: PartnerClient;

  beforeAll(async () => {
    const databaseUrl = await TestDatabase.createIsolated('fuzz');
    hub = await TestHub.start({ databaseUrl, env: { DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false', PARTNER_RATE_PER_MINUTE: '1000000', TRACK_RATE_PER_MINUTE: '100000' } });
    db = TestDatabase.open(databaseUrl);
    const owners = JSON.parse(readFileSync(path.resolve('migrations', 'table-owners.json'), 'utf8')) as { tables: Record<string, string> };
    // The audit log records refused requests on purpose, and its sequencer puts them in the Merkle log in the
    // background (queue, leaves, tiles, checkpoints); every other table must not move on a refusal.
    const auditLog = new Set(['audit_entry', 'audit_pending', 'audit_leaf', 'audit_log_tile', 'audit_checkpoint']);
    tables = Object.keys(owners.tables).filter((table) => !auditLog.has(table));
    // Real objects for the fuzz to reach: a partner with a referral, evidence, a complaint.
    agency = await PartnerClient.register(hub);
    const staff = await hub.token('staff');
    const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
    const referral = (await hub.request('POST', `/v1/complaints/${complaint.id}/referrals`, { token: staff, json: { partners: [agency.id] } })).body.referrals[0];
    Object.assign(ids, { complaintId: [complaint.id], referralId: [referral.id], partnerId: [agency.id], id: [agency.id], referenceCode: [complaint.referenceCode], name: ['status-event'] });
    // One token that every role check accepts, acting for the agency: the fuzz is about input, not access.
    token = hub.craftToken({}, { sub: 'fuzzer', roles: ['staff', 'admin', 'auditor', 'partner', 'platform'], partner_id: agency.id, exp: Math.floor(Date.now() / 1000) + 3600 });
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function rows(): Promise<number> {
    const [row] = await db.query(`SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS n`);
    return Number(row.n);
  }

  it(`answers ${TOTAL_RUNS} generated requests with no 5xx, problems for every 4xx, and no row written by a refusal`, async () => {
    const runs = Math.max(10, Math.ceil(TOTAL_RUNS / operations.length));
    let sent = 0;
    const statuses: Record<string, Record<number, number>> = {};
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation, () => ids), async (request) => {
          const before = await rows();
          const body = request.signed ? await agency.signRaw(request.signed.payload, request.signed.typ) : request.body;
          const response = await fetch(hub.baseUrl + request.path, {
            method: operation.method,
            headers: { ...(request.token ? { authorization: `Bearer ${token}` } : {}), ...(request.contentType ? { 'content-type': request.contentType } : {}) },
            ...(body !== undefined ? { body } : {}),
          });
          const text = await response.text();
          sent += 1;
          const tally = (statuses[`${operation.method} ${operation.path}`] ??= {});
          tally[response.status] = (tally[response.status] ?? 0) + 1;
          const where = `${operation.method} ${request.path.slice(0, 200)}`;
          expect({ where, status: response.status < 500 }).toEqual({ where, status: true });
          if (response.status >= 400) {
            expect({ where, type: response.headers.get('content-type') }).toEqual({ where, type: expect.stringMatching(/^application\/problem\+json/) });
            const problem = JSON.parse(text) as { status: number; code: string; detail: string };
            expect({ where, status: problem.status, code: typeof problem.code, detail: typeof problem.detail }).toEqual({ where, status: response.status, code: 'string', detail: 'string' });
            expect({ where, rowsWritten: (await rows()) - before }).toEqual({ where, rowsWritten: 0 });
          }
        }),
        { numRuns: runs, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}) },
      );
    }
    // FUZZ_REPORT=1: which statuses each operation answered, to see how deep the fuzz reached.
    if (process.env.FUZZ_REPORT) process.stdout.write(`${Object.entries(statuses).map(([operation, tally]) => `${operation} ${JSON.stringify(tally)}`).join('\n')}\n`);
    expect(sent).toBeGreaterThanOrEqual(operations.length * runs);
    expect((await fetch(`${hub.baseUrl}/health/ready`)).status).toBe(200);
  }, 600_000);
});

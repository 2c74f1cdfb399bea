import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

/** What a client generator reads from the committed document (issue 18's list): checked on the file itself. */
const document = JSON.parse(readFileSync('openapi/ocx-hub.v1.json', 'utf8')) as {
  openapi: string;
  webhooks?: Record<string, { post: { parameters: Array<{ name: string }>; requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>;
  servers?: unknown[];
  paths: Record<string, Record<string, { operationId: string; description?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string | string[]; format?: string }> }> };
};
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
const operation = (id: string) => operations.find((candidate) => candidate.operationId === id)!;

describe('the committed OpenAPI document', () => {
  it('serves signed documents as JWS strings with application/jose, and JSON beside them', () => {
    for (const [id, jws] of [['getPartnerReferral', 'OcxReferralJws'], ['getPartnerTakedown', 'OcxTakedownRequestJws'], ['getPartnerMatchNotice', 'OcxMatchNoticeJws']] as const) {
      expect(operation(id).responses['200']!.content!['application/jose']!.schema!.$ref).toBe(`#/components/schemas/${jws}`);
    }
    expect(operation('getPartnerReferral').responses['406']).toBeDefined();
  });

  it('declares range answers of every download: 206 with Content-Range, and the digest headers', () => {
    for (const id of ['downloadEvidence', 'downloadPartnerEvidence', 'downloadPartnerTakedownEvidence']) {
      expect(Object.keys(operation(id).responses['206']!.headers!)).toEqual(expect.arrayContaining(['Content-Range', 'Accept-Ranges', 'Repr-Digest']));
      expect(Object.keys(operation(id).responses['200']!.headers!)).toEqual(expect.arrayContaining(['Accept-Ranges', 'Repr-Digest']));
    }
  });

  it('says who may call each operation, and that public ones need no token', () => {
    for (const candidate of operations) expect(candidate.description).toMatch(/\*\*Access:\*\*/);
    expect(operation('getLiveness').security).toEqual([]);
    expect(operation('issueToken').security).toEqual([]);
    expect(operation('listPartnerTakedowns').description).toContain('`takedowns:read`');
    expect(document.servers).toHaveLength(1);
  });

  it('is OpenAPI 3.1 and declares the pushes to partners as webhooks, with their headers and signed bodies', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual(['matchNotice', 'referral', 'takedownRequest']);
    expect(document.webhooks!.referral!.post.parameters.map((parameter) => parameter.name)).toEqual(['webhook-id', 'webhook-timestamp', 'ocx-document-type']);
    expect(document.webhooks!.referral!.post.requestBody.content['application/jose']!.schema.$ref).toBe('#/components/schemas/OcxReferralJws');
  });

  it('types URLs as strings and declares the members problems add', () => {
    expect(document.components.schemas.CreatePartnerDto!.properties!.endpointUrl).toMatchObject({ type: ['string', 'null'], format: 'uri' });
    expect(Object.keys(document.components.schemas.ProblemView!.properties!)).toEqual(expect.arrayContaining(['allowedNext', 'currentStatus', 'unavailable', 'error', 'error_description']));
  });
});

import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as codes from '../../../src/standard/codes.js';
import { SchemaRegistry } from '../../../src/standard/schema-registry.js';

const registry = new SchemaRegistry();
const examples = path.join(registry.dir, 'examples');
const validFiles = readdirSync(path.join(examples, 'valid')).filter((file) => file.endsWith('.json')).sort();
const invalidFiles = readdirSync(path.join(examples, 'invalid')).filter((file) => file.endsWith('.json') && file !== 'expected-errors.json').sort();
const expectedErrors = JSON.parse(readFileSync(path.join(examples, 'invalid', 'expected-errors.json'), 'utf8')) as Record<string, { instancePath: string; keyword: string }>;

function read(kind: 'valid' | 'invalid', file: string): unknown {
  return JSON.parse(readFileSync(path.join(examples, kind, file), 'utf8'));
}

function schemaOf(file: string): codes.DocumentName {
  const name = file.split('.')[0]!;
  if (!codes.isDocumentName(name)) throw new Error(`${file} is not named after a schema`);
  return name;
}

describe('OCX v1 schemas', () => {
  it("compiles under Ajv's strict mode, every strict option on (strictRequired, strictTypes, …)", () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: true, strictTypes: true, strictTuples: true, allErrors: true, validateFormats: false });
    for (const name of registry.names()) ajv.addSchema(registry.schema(name) as object);
    for (const name of codes.DOCUMENT_NAMES) expect(() => ajv.getSchema((registry.schema(name) as { $id: string }).$id)).not.toThrow();
  });

  it('has a schema per document and the shared definitions', () => {
    expect(registry.names().sort()).toEqual([...codes.DOCUMENT_NAMES, 'defs'].sort());
  });

  it.each(codes.DOCUMENT_NAMES)('%s has at least 3 valid and 8 invalid examples', (name) => {
    expect(validFiles.filter((file) => schemaOf(file) === name).length).toBeGreaterThanOrEqual(3);
    expect(invalidFiles.filter((file) => schemaOf(file) === name).length).toBeGreaterThanOrEqual(8);
  });

  it.each(validFiles)('accepts valid/%s', (file) => {
    const result = registry.validate(schemaOf(file), read('valid', file));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it.each(invalidFiles)('refuses invalid/%s for the reason its name states', (file) => {
    const expected = expectedErrors[file];
    expect(expected).toBeDefined();
    const result = registry.validate(schemaOf(file), read('invalid', file));
    expect(result.valid).toBe(false);
    if (result.valid) return;
    const reasons = result.raw.filter((error) => error.keyword !== 'if').map((error) => ({ instancePath: error.instancePath, keyword: error.keyword }));
    expect(reasons).toContainEqual(expected);
  });

  it('lists no expected error for a file that does not exist', () => {
    expect(Object.keys(expectedErrors).sort()).toEqual(invalidFiles);
  });

  it('validates with a plain draft 2020-12 validator given only the schema files (no hub code)', () => {
    // Formats are annotations in draft 2020-12: a plain validator ignores them (and need not say so).
    const ajv = new Ajv2020({ strict: false, logger: false });
    for (const file of readdirSync(registry.dir).filter((name) => name.endsWith('.schema.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(path.join(registry.dir, file), 'utf8')));
    }
    for (const file of validFiles) {
      const validate = ajv.getSchema(registry.schema(schemaOf(file))!.$id as string)!;
      expect(validate(read('valid', file))).toBe(true);
    }
  });

  it.each(codes.DOCUMENT_NAMES)('%s pins its type and requires the envelope members', (name) => {
    const schema = registry.schema(name) as { properties: { type: { const: string } }; required: string[]; $id: string };
    expect(schema.properties.type.const).toBe(codes.DOCUMENT_KINDS[name].type);
    expect(schema.required).toEqual(expect.arrayContaining(['type', 'ocxVersion', 'id', 'issuedAt']));
    expect(schema.$id).toBe(`https://ocx.etda.or.th/schemas/v1/${name}.schema.json`);
  });

  describe('uses the codes of src/standard/codes.ts', () => {
    const defs = (registry.schema('defs') as { $defs: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> }).$defs;
    it.each([
      ['category', defs.category!.enum, codes.CATEGORIES],
      ['subCategory', defs.subCategory!.enum, Object.values(codes.SUB_CATEGORIES).flat()],
      ['channel', defs.channel!.enum, codes.CHANNELS],
      ['identifierType', defs.identifierType!.enum, codes.IDENTIFIER_TYPES],
      ['bankCode', defs.bankCode!.enum, codes.BANK_CODES],
      ['evidence kind', defs.evidenceItem!.properties!.kind!.enum, codes.EVIDENCE_KINDS],
      ['legal basis (1.0 codes, listed as examples since 1.1)', (defs.legalBasis!.properties!.code as { examples?: string[] }).examples, codes.LEGAL_BASES],
      ['disclosure basis', defs.disclosure!.properties!.basis!.enum, codes.DISCLOSURE_BASES],
      ['match kind', defs.matchKind!.enum, codes.MATCH_KINDS],
    ])('%s', (_, inSchema, inCode) => {
      expect(inSchema).toEqual([...inCode]);
    });

    it('status-event statuses, takedown actions and outcomes', () => {
      const statusEvent = registry.schema('status-event') as { properties: { status: { enum: string[] } } };
      expect(statusEvent.properties.status.enum).toEqual([...codes.PARTNER_STATUSES]);
      const takedown = registry.schema('takedown-request') as { properties: { requestedAction: { enum: string[] } } };
      expect(takedown.properties.requestedAction.enum).toEqual([...codes.TAKEDOWN_ACTIONS]);
      const response = registry.schema('takedown-response') as { properties: { outcomes: { items: { properties: { outcome: { enum: string[] } } } } } };
      expect(response.properties.outcomes.items.properties.outcome.enum).toEqual([...codes.TAKEDOWN_OUTCOMES]);
      const resolution = (registry.schema('status-event') as { properties: { resolution: { properties: { outcome: { enum: string[] } } } } }).properties.resolution;
      expect(resolution.properties.outcome.enum).toEqual([...codes.RESOLUTION_OUTCOMES]);
      expect((registry.schema('status-event') as { properties: { reasonCode: { enum: string[] } } }).properties.reasonCode.enum).toEqual([...codes.REFERRAL_REASON_CODES]);
    });
  });
});

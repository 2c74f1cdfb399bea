import { describe, expect, it } from '@jest/globals';
import { standardComponentName, standardSchemaComponents } from '../../../src/standard/openapi-components.js';
import { SchemaRegistry } from '../../../src/standard/schema-registry.js';

describe('the standard as OpenAPI components', () => {
  const registry = new SchemaRegistry();
  const components = standardSchemaComponents((name) => registry.schema(name));

  it('names documents and shared definitions alike', () => {
    expect(['status-event', 'referral', 'documentId', 'ocxVersion'].map(standardComponentName)).toEqual(['OcxStatusEvent', 'OcxReferral', 'OcxDocumentId', 'OcxOcxVersion']);
  });

  it('has every document and every shared definition, and no reference leaves the document', () => {
    for (const name of ['OcxReferral', 'OcxStatusEvent', 'OcxCaseShare', 'OcxMatchNotice', 'OcxTakedownRequest', 'OcxTakedownResponse', 'OcxEvidenceItem']) expect(components[name]).toBeDefined();
    const references = JSON.stringify(components).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(references.length).toBeGreaterThan(50);
    for (const reference of references) {
      const target = /#\/components\/schemas\/(\w+)"$/.exec(reference)?.[1];
      expect(target && components[target]).toBeTruthy();
    }
    expect(JSON.stringify(components)).not.toMatch(/"\$id"|"\$schema"|defs\.schema\.json/);
  });

  it('moves "one of these members is required" under allOf, keeping the constraint', () => {
    const targets = (components.OcxTakedownRequest as any).properties.targets.items;
    expect(targets.anyOf).toBeUndefined();
    expect(targets.allOf).toEqual([{ anyOf: [{ required: ['url'] }, { required: ['platformRef'] }] }]);
  });

  it('refuses a reference it cannot place', () => {
    expect(() => standardSchemaComponents((name) => (name === 'defs' ? { $defs: {} } : { type: 'object', properties: { x: { $ref: 'other.json#/x' } } }))).toThrow(/unexpected \$ref/);
  });
});

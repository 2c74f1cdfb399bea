import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The checker is a plain Node script (it runs in `npm run lint` before anything is built): loaded as such.
const checker = (await import(path.resolve('tools', 'check-standard-changes.mjs'))) as {
  schemaChanges: (before: unknown, after: unknown, at: string) => Array<{ id: string; change: string }>;
  apiChanges: (before: unknown, after: unknown) => Array<{ id: string; change: string }>;
};

const event = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['acknowledged', 'resolved'] },
    note: { type: 'string', maxLength: 4000 },
    amount: { type: 'integer', minimum: 0 },
  },
};
const changed = (edit: (schema: any) => void): string[] => {
  const after = structuredClone(event) as any;
  edit(after);
  return checker.schemaChanges(event, after, 'status-event').map((change) => change.id);
};

describe('change control of the standard', () => {
  it('lets a minor version add: an optional member, an enum value, a looser bound', () => {
    expect(changed((schema) => (schema.properties.outcome = { type: 'string' }))).toEqual([]);
    expect(changed((schema) => schema.properties.status.enum.push('rejected'))).toEqual([]);
    expect(changed((schema) => (schema.properties.note.maxLength = 8000))).toEqual([]);
  });

  it('names every kind of breaking change', () => {
    expect(changed((schema) => delete schema.properties.note)).toEqual(['status-event/properties/note']);
    expect(changed((schema) => schema.required.push('note'))).toEqual(['status-event:required:note']);
    expect(changed((schema) => (schema.properties.status.enum = ['acknowledged']))).toEqual(['status-event/properties/status:enum:resolved']);
    expect(changed((schema) => (schema.properties.note.maxLength = 100))).toEqual(['status-event/properties/note:maxLength']);
    expect(changed((schema) => (schema.properties.amount.minimum = 1))).toEqual(['status-event/properties/amount:minimum']);
    expect(changed((schema) => (schema.properties.amount.type = 'string'))).toEqual(['status-event/properties/amount:type']);
    expect(changed((schema) => (schema.properties.note.pattern = '^[a-z]+$'))).toEqual(['status-event/properties/note:pattern']);
    expect(changed((schema) => (schema.additionalProperties = false))).toEqual(['status-event:additionalProperties']);
  });

  it('follows references, and compares operations, parameters and responses', () => {
    const api = (view: unknown, parameters: unknown[] = []) => ({
      paths: { '/v1/things': { get: { parameters, responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } } },
      components: { schemas: { Thing: view } },
    });
    const thing = { type: 'object', properties: { id: { type: 'string' }, owner: { type: 'string' } } };
    expect(checker.apiChanges(api(thing), api({ ...thing, properties: { ...thing.properties, extra: { type: 'string' } } }))).toEqual([]);
    expect(checker.apiChanges(api(thing), api({ type: 'object', properties: { id: { type: 'string' } } })).map((change) => change.id)).toEqual(['GET /v1/things 200 application/json/properties/owner']);
    expect(checker.apiChanges(api(thing), api(thing, [{ in: 'query', name: 'since', required: true, schema: { type: 'string' } }])).map((change) => change.change)).toEqual(['parameter newly required']);
    // A member every response now carries takes nothing from a client.
    expect(checker.apiChanges(api(thing), api({ ...thing, required: ['id'] }))).toEqual([]);
    expect(checker.apiChanges(api(thing), { paths: {}, components: { schemas: { Thing: thing } } }).map((change) => change.change)).toEqual(['operation removed']);
  });

  it('passes on this repository: every breaking change since the last published version is approved', () => {
    expect(() => execFileSync(process.execPath, [path.resolve('tools', 'check-standard-changes.mjs')], { encoding: 'utf8' })).not.toThrow();
  });
});

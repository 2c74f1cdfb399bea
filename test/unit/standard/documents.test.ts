import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { isDocumentName, type DocumentName } from '../../../src/standard/codes.js';
import { DOCUMENT_CLASSES } from '../../../src/standard/documents/index.js';
import { findSchemasDir, SchemaRegistry } from '../../../src/standard/schema-registry.js';

const registry = new SchemaRegistry();
const examples = path.join(findSchemasDir(), 'examples');

function examplesOf(kind: 'valid' | 'invalid'): Array<[string, DocumentName, unknown]> {
  return readdirSync(path.join(examples, kind))
    .filter((file) => file.endsWith('.json') && file !== 'expected-errors.json')
    .sort()
    .map((file) => {
      const name = file.split('.')[0]!;
      if (!isDocumentName(name)) throw new Error(`${file} is not named after a document`);
      return [file, name, JSON.parse(readFileSync(path.join(examples, kind, file), 'utf8'))];
    });
}

function classValidatorErrors(name: DocumentName, document: unknown): string[] {
  const instance = plainToInstance(DOCUMENT_CLASSES[name] as new () => object, document);
  const flatten = (errors: ValidationError[], parent = ''): string[] =>
    errors.flatMap((error) => {
      const where = parent ? `${parent}.${error.property}` : error.property;
      return [...Object.values(error.constraints ?? {}).map((message) => `${where}: ${message}`), ...flatten(error.children ?? [], where)];
    });
  return flatten(validateSync(instance, { forbidUnknownValues: false }));
}

/** The class-validator DTOs and the JSON Schemas must agree on every example of the standard. */
describe('document DTOs agree with the schemas', () => {
  it.each(examplesOf('valid'))('both accept valid/%s', (_, name, document) => {
    expect(registry.validate(name, document).valid).toBe(true);
    expect(classValidatorErrors(name, document)).toEqual([]);
  });

  it.each(examplesOf('invalid'))('both refuse invalid/%s', (_, name, document) => {
    expect(registry.validate(name, document).valid).toBe(false);
    expect(classValidatorErrors(name, document).length).toBeGreaterThan(0);
  });
});

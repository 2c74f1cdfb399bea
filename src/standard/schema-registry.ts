import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findAbove } from '../common/find-above.js';
import { fileURLToPath } from 'node:url';
import type { FieldError } from '../common/problem.js';
import { DOCUMENT_NAMES, type DocumentName } from './codes.js';

// ajv-formats is CommonJS with a default export: find the plugin function whichever way the loader wrapped it.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const formatsExport = addFormatsModule as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
const addFormats: FormatsPlugin = typeof formatsExport.default === 'function' ? formatsExport.default : formatsExport.default.default;

export type SchemaName = DocumentName | 'defs';

export type ValidationResult = { valid: true } | { valid: false; errors: FieldError[]; raw: ErrorObject[] };

/** Finds `schemas/ocx/v1` from wherever this file runs (src/ under Jest, dist/src/ when built). */
export function findSchemasDir(start = path.dirname(fileURLToPath(import.meta.url))): string {
  const found = findAbove(start, path.join('schemas', 'ocx', 'v1'), 'defs.schema.json');
  if (!found) throw new Error(`schemas/ocx/v1 not found above ${start}`);
  return found;
}

/** The standard's schema files as parsed JSON, by name (`referral`, `defs`, …), without compiling them. */
export function readStandardSchemas(dir: string = findSchemasDir()): Map<SchemaName, Record<string, unknown>> {
  const schemas = new Map<SchemaName, Record<string, unknown>>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.schema.json')).sort()) {
    schemas.set(file.replace('.schema.json', '') as SchemaName, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>);
  }
  return schemas;
}

/**
 * The JSON Schemas of OCX v1, loaded from schemas/ and compiled once (Ajv,
 * draft 2020-12, formats checked). Pure: no framework, so tests and the
 * conformance kit use it directly.
 */
export class SchemaRegistry {
  private readonly schemas: Map<SchemaName, Record<string, unknown>>;
  private readonly validators = new Map<DocumentName, ValidateFunction>();

  constructor(readonly dir: string = findSchemasDir()) {
    // Every strict check Ajv has, so that the published schemas compile as strictly as any validator may compile them.
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    this.schemas = readStandardSchemas(dir);
    for (const schema of this.schemas.values()) ajv.addSchema(schema);
    for (const name of DOCUMENT_NAMES) {
      const schema = this.schemas.get(name);
      if (!schema) throw new Error(`schema ${name}.schema.json is missing from ${dir}`);
      this.validators.set(name, ajv.getSchema(schema.$id as string)!);
    }
  }

  names(): SchemaName[] {
    return [...this.schemas.keys()];
  }

  schema(name: SchemaName): Record<string, unknown> | undefined {
    return this.schemas.get(name);
  }

  validate(name: DocumentName, document: unknown): ValidationResult {
    const validator = this.validators.get(name)!;
    if (validator(document)) return { valid: true };
    const raw = [...(validator.errors ?? [])];
    return { valid: false, raw, errors: toFieldErrors(raw) };
  }
}

/** Ajv errors as `path: message`, without the noise of failed `if` branches. */
function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const fieldErrors: FieldError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    let where = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      where = where ? `${where}.${missing}` : missing;
      message = 'is required';
    } else if (error.keyword === 'enum') {
      message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    }
    const entry = { path: where || '(document)', message: `${where || 'the document'} ${message}` };
    const key = `${entry.path}|${entry.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      fieldErrors.push(entry);
    }
  }
  return fieldErrors;
}

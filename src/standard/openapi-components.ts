import { DOCUMENT_NAMES, type DocumentName } from './codes.js';

type JsonSchema = Record<string, unknown>;

/** `status-event` → `OcxStatusEvent`, `documentId` → `OcxDocumentId`: the component names of the standard. */
export function standardComponentName(name: string): string {
  return `Ocx${name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;
}

/**
 * The standard's JSON Schemas as OpenAPI 3.1 components (3.1 schema objects are JSON
 * Schema 2020-12), so that the API document references the documents instead of
 * restating them and generators type them from one source. Each shared definition of
 * `defs.schema.json` becomes a component of its own; `$ref`s between the files are
 * rewritten to component references, and `$id`/`$schema` are dropped because an `$id`
 * would re-base those references away from the OpenAPI document. Pure: the schemas
 * come in as loaded (SchemaRegistry), the components go out.
 */
export function standardSchemaComponents(schemaOf: (name: DocumentName | 'defs') => JsonSchema | undefined): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  const defs = schemaOf('defs');
  if (!defs) throw new Error('defs.schema.json is missing');
  for (const [name, definition] of Object.entries((defs.$defs ?? {}) as Record<string, JsonSchema>)) {
    components[standardComponentName(name)] = rewriteReferences(definition) as JsonSchema;
  }
  for (const name of DOCUMENT_NAMES) {
    const schema = schemaOf(name);
    if (!schema) throw new Error(`${name}.schema.json is missing`);
    const { $schema: _dialect, $id: id, $defs: local, ...rest } = schema;
    if (local) throw new Error(`${name}.schema.json has its own $defs: move them to defs.schema.json`);
    components[standardComponentName(name)] = {
      ...(rewriteReferences(rest) as JsonSchema),
      externalDocs: { description: `The JSON Schema as published (${String(id)})`, url: `/v1/schemas/${name}` },
    };
  }
  return components;
}

function rewriteReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteReferences);
  if (!value || typeof value !== 'object') return value;
  const rewritten: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'properties' && member && typeof member === 'object' && !Array.isArray(member)) {
      // `"x": true` only declares a member a branch requires (for Ajv's strictRequired); it constrains nothing, and
      // generators would type it as `unknown`: left out of the components.
      const declared = Object.entries(member).filter(([, schema]) => schema !== true);
      if (declared.length === 0) continue;
      rewritten[key] = Object.fromEntries(declared.map(([name, schema]) => [name, rewriteReferences(schema)]));
      continue;
    }
    rewritten[key] = key === '$ref' && typeof member === 'string' ? componentReference(member) : rewriteReferences(member);
  }
  return constraintsUnderAllOf(rewritten);
}

/**
 * `anyOf`/`oneOf` whose branches only require members ("a url or a platformRef") moved under
 * `allOf`: the same constraint, but generators that read a sibling `anyOf` as alternatives to
 * the object (openapi-typescript types `{…} | unknown`, which is `unknown`) keep the object's type.
 */
function constraintsUnderAllOf(schema: Record<string, unknown>): Record<string, unknown> {
  const constraintOnly = (branches: unknown): boolean =>
    Array.isArray(branches) && branches.every((branch) => branch && typeof branch === 'object' && Object.keys(branch).every((key) => key === 'required' || key === 'not'));
  const moved = (['anyOf', 'oneOf'] as const).filter((keyword) => schema.properties && constraintOnly(schema[keyword]));
  if (moved.length === 0) return schema;
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  const kept = Object.fromEntries((['anyOf', 'oneOf'] as const).filter((keyword) => schema[keyword] !== undefined && !moved.includes(keyword)).map((keyword) => [keyword, schema[keyword]]));
  return { ...rest, ...kept, allOf: [...((schema.allOf as unknown[]) ?? []), ...moved.map((keyword) => ({ [keyword]: schema[keyword] }))] };
}

function componentReference(reference: string): string {
  const shared = /^(?:defs\.schema\.json)?#\/\$defs\/([A-Za-z0-9]+)$/.exec(reference);
  if (!shared) throw new Error(`unexpected $ref in the standard's schemas: ${reference}`);
  return `#/components/schemas/${standardComponentName(shared[1])}`;
}

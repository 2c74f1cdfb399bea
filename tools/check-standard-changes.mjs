#!/usr/bin/env node
// Change control of the standard (schemas/README.md §6.2): compares the JSON Schemas under schemas/ocx/v1/ and the
// OpenAPI document openapi/ocx-hub.v1.json with the last published record (schemas/published/<version>/) and fails on
// a breaking change that schemas/approved-changes.json does not list. Breaking: a member, operation, parameter,
// component or enum value removed; a member or parameter newly required; a type, const, pattern or format changed; a
// bound tightened (minLength up, maxLength down, …); additionalProperties newly false. Adding optional members, enum
// values, operations or looser bounds is what a minor version may do, and passes.
//
//   node tools/check-standard-changes.mjs            check (exit 1 naming each unapproved breaking change)
//   node tools/check-standard-changes.mjs --list     print every breaking change, approved or not, with its id
//   node tools/check-standard-changes.mjs --publish 1.1   record the current documents as published version 1.1
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(root, 'schemas', 'ocx', 'v1');
const OPENAPI = path.join(root, 'openapi', 'ocx-hub.v1.json');
const PUBLISHED = path.join(root, 'schemas', 'published');
const APPROVED = path.join(root, 'schemas', 'approved-changes.json');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const versionKey = (version) => version.split('.').map(Number);
const byVersion = (a, b) => {
  const [x, y] = [versionKey(a), versionKey(b)];
  return x[0] - y[0] || x[1] - y[1];
};

/** The breaking changes from `before` to `after`, two JSON Schemas, each `{ id, change }`. */
export function schemaChanges(before, after, at, resolve = { before: () => undefined, after: () => undefined }, seen = new Set()) {
  const changes = [];
  const add = (where, change) => changes.push({ id: where, change });
  if (before === true || before === undefined) return changes;
  if (after === undefined) return [{ id: at, change: 'removed' }];
  if (after === true) return changes;
  // References: compare what they point to, once per pair.
  const [b, a] = [before.$ref ? resolve.before(before.$ref) : before, after.$ref ? resolve.after(after.$ref) : after];
  if (before.$ref || after.$ref) {
    const key = `${before.$ref ?? at}→${after.$ref ?? at}`;
    if (seen.has(key)) return changes;
    seen.add(key);
    if (!b || !a) return changes;
    return schemaChanges(b, a, at, resolve, seen);
  }
  const types = (schema) => (schema.type === undefined ? undefined : new Set([].concat(schema.type)));
  const [typesBefore, typesAfter] = [types(b), types(a)];
  // A type the schema allowed before and no longer does.
  if (typesBefore && typesAfter && [...typesBefore].some((type) => !typesAfter.has(type))) add(`${at}:type`, `type ${[...typesBefore].join('|')} → ${[...typesAfter].join('|')}`);
  if (!typesBefore && typesAfter) add(`${at}:type`, `type any → ${[...typesAfter].join('|')}`);
  if ('const' in b && JSON.stringify(b.const) !== JSON.stringify(a.const)) add(`${at}:const`, `const ${JSON.stringify(b.const)} → ${JSON.stringify(a.const)}`);
  if (!('const' in b) && 'const' in a) add(`${at}:const`, `const added ${JSON.stringify(a.const)}`);
  if (Array.isArray(b.enum)) {
    const kept = new Set((a.enum ?? b.enum).map((value) => JSON.stringify(value)));
    for (const value of b.enum) if (!kept.has(JSON.stringify(value))) add(`${at}:enum:${value}`, `enum value ${JSON.stringify(value)} removed`);
  } else if (Array.isArray(a.enum)) add(`${at}:enum`, 'enum added');
  for (const keyword of ['pattern', 'format']) {
    if (a[keyword] !== undefined && a[keyword] !== b[keyword]) add(`${at}:${keyword}`, `${keyword} ${JSON.stringify(b[keyword] ?? null)} → ${JSON.stringify(a[keyword])}`);
  }
  for (const keyword of ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']) {
    if (a[keyword] !== undefined && (b[keyword] === undefined || a[keyword] > b[keyword])) add(`${at}:${keyword}`, `${keyword} ${b[keyword] ?? 'none'} → ${a[keyword]}`);
  }
  for (const keyword of ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']) {
    if (a[keyword] !== undefined && (b[keyword] === undefined || a[keyword] < b[keyword])) add(`${at}:${keyword}`, `${keyword} ${b[keyword] ?? 'none'} → ${a[keyword]}`);
  }
  if (a.additionalProperties === false && b.additionalProperties !== false) add(`${at}:additionalProperties`, 'additionalProperties became false');
  // A member a response now always carries takes nothing from a client; one a request or a document now needs does.
  const requiredBefore = new Set(b.required ?? []);
  if (!resolve.response) for (const name of a.required ?? []) if (!requiredBefore.has(name)) add(`${at}:required:${name}`, `member ${name} newly required`);
  for (const [name, schema] of Object.entries(b.properties ?? {})) {
    changes.push(...schemaChanges(schema, a.properties?.[name], `${at}/properties/${name}`, resolve, seen));
  }
  // Not into `if`: a narrower condition applies its `then` less often, which loosens; judged by hand if ever needed.
  for (const keyword of ['items', 'additionalProperties', 'not', 'then', 'else']) {
    if (b[keyword] && typeof b[keyword] === 'object' && a[keyword] && typeof a[keyword] === 'object') changes.push(...schemaChanges(b[keyword], a[keyword], `${at}/${keyword}`, resolve, seen));
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    (b[keyword] ?? []).forEach((branch, index) => {
      if (a[keyword]?.[index]) changes.push(...schemaChanges(branch, a[keyword][index], `${at}/${keyword}/${index}`, resolve, seen));
    });
    if ((a[keyword]?.length ?? 0) > (b[keyword]?.length ?? 0) && keyword === 'allOf') add(`${at}:allOf`, 'allOf gained a constraint');
  }
  return changes;
}

/** The breaking changes between two OpenAPI documents: operations, parameters, request and response bodies, components. */
export function apiChanges(before, after) {
  const changes = [];
  const pointer = (document) => (reference) => {
    const match = /^#\/components\/schemas\/(.+)$/.exec(reference);
    return match ? document.components?.schemas?.[match[1]] : undefined;
  };
  const resolve = { before: pointer(before), after: pointer(after) };
  for (const [route, operations] of Object.entries(before.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const at = `${method.toUpperCase()} ${route}`;
      const now = after.paths?.[route]?.[method];
      if (!now) {
        changes.push({ id: at, change: 'operation removed' });
        continue;
      }
      const parameters = (op) => new Map((op.parameters ?? []).map((parameter) => [`${parameter.in}:${parameter.name}`, parameter]));
      const [was, is] = [parameters(operation), parameters(now)];
      for (const [key, parameter] of was) {
        if (!is.has(key)) changes.push({ id: `${at} ${key}`, change: 'parameter removed' });
        else changes.push(...schemaChanges(parameter.schema, is.get(key).schema, `${at} ${key}`, resolve));
      }
      for (const [key, parameter] of is) if (parameter.required && !was.get(key)?.required) changes.push({ id: `${at} ${key}`, change: 'parameter newly required' });
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        const current = now.requestBody?.content?.[type];
        if (!current) changes.push({ id: `${at} body ${type}`, change: 'request media type removed' });
        else changes.push(...schemaChanges(content.schema, current.schema, `${at} body ${type}`, resolve));
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        for (const [type, content] of Object.entries(response.content ?? {})) {
          const current = now.responses?.[status]?.content?.[type];
          if (!current) changes.push({ id: `${at} ${status} ${type}`, change: 'response removed' });
          else changes.push(...schemaChanges(content.schema, current.schema, `${at} ${status} ${type}`, { ...resolve, response: true }));
        }
      }
    }
  }
  for (const name of Object.keys(before.components?.schemas ?? {})) {
    if (!after.components?.schemas?.[name]) changes.push({ id: `#/components/schemas/${name}`, change: 'component removed' });
  }
  return changes;
}

function standardChanges(record) {
  const changes = [];
  // Each side's shared definitions, read once: every `defs.schema.json#/$defs/…` reference resolves in them.
  const defsOf = { before: readJson(path.join(record, 'defs.schema.json')), after: readJson(path.join(SCHEMAS, 'defs.schema.json')) };
  for (const file of readdirSync(record).filter((name) => name.endsWith('.schema.json'))) {
    const current = path.join(SCHEMAS, file);
    if (!existsSync(current)) {
      changes.push({ id: file, change: 'schema removed' });
      continue;
    }
    const [before, after] = [readJson(path.join(record, file)), readJson(current)];
    const local = (document) => (reference) => {
      const match = /^(?:defs\.schema\.json)?#\/\$defs\/(.+)$/.exec(reference);
      if (!match) return undefined;
      const defs = reference.startsWith('defs') || file === 'defs.schema.json' ? defsOf[document] : document === 'before' ? before : after;
      return defs.$defs?.[match[1]];
    };
    const resolve = { before: local('before'), after: local('after') };
    changes.push(...schemaChanges(before, after, file, resolve));
    for (const [name, definition] of Object.entries(before.$defs ?? {})) changes.push(...schemaChanges(definition, after.$defs?.[name], `${file}#/$defs/${name}`, resolve));
  }
  const openapi = path.join(record, 'ocx-hub.openapi.json');
  if (existsSync(openapi)) changes.push(...apiChanges(readJson(openapi), readJson(OPENAPI)).map((change) => ({ ...change, id: `openapi: ${change.id}` })));
  return changes;
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--publish') {
    const version = args[1];
    if (!/^\d+\.\d+$/.test(version ?? '')) throw new Error('usage: --publish <major.minor>');
    const record = path.join(PUBLISHED, version);
    mkdirSync(record, { recursive: true });
    for (const file of readdirSync(SCHEMAS).filter((name) => name.endsWith('.json'))) cpSync(path.join(SCHEMAS, file), path.join(record, file));
    cpSync(OPENAPI, path.join(record, 'ocx-hub.openapi.json'));
    process.stdout.write(`recorded the current schemas and OpenAPI document as published ${version} in ${path.relative(root, record)}\n`);
    return;
  }
  const versions = readdirSync(PUBLISHED).filter((name) => /^\d+\.\d+$/.test(name)).sort(byVersion);
  const latest = versions.at(-1);
  if (!latest) throw new Error('schemas/published/ holds no published version');
  const approved = readJson(APPROVED);
  const approvedIds = new Set((approved.since?.[latest] ?? []).map((entry) => entry.id));
  const changes = standardChanges(path.join(PUBLISHED, latest));
  if (args[0] === '--list') {
    for (const change of changes) process.stdout.write(`${approvedIds.has(change.id) ? 'approved  ' : 'UNAPPROVED'} ${change.id}: ${change.change}\n`);
    return;
  }
  const unapproved = changes.filter((change) => !approvedIds.has(change.id));
  const stale = [...approvedIds].filter((id) => !changes.some((change) => change.id === id));
  if (stale.length > 0) process.stdout.write(`approved changes that no longer happen (remove them from schemas/approved-changes.json):\n${stale.map((id) => `  ${id}`).join('\n')}\n`);
  if (unapproved.length > 0) {
    process.stderr.write(`Breaking changes to the standard since ${latest}, not approved in schemas/approved-changes.json:\n`);
    for (const change of unapproved) process.stderr.write(`  ${change.id}: ${change.change}\n`);
    process.stderr.write('A minor version may only add. Undo the change, or list its id with a reason in schemas/approved-changes.json (a breaking change to a document needs a new major version).\n');
    process.exit(1);
  }
  process.stdout.write(`standard: no unapproved breaking change since ${latest} (${changes.length} approved)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

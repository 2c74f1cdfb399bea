#!/usr/bin/env node
// Every table has one owning module (migrations/table-owners.json); only that module's
// files may name it in SQL. Views and functions an owner publishes may be named by any
// module. And a module's statements live in its *.sql.ts file: a literal that is a whole
// statement (SELECT, INSERT, UPDATE, DELETE, WITH …) anywhere else is refused (the
// database layer and the command-line tools, which own no table, aside). Reads the string
// and template literals of src/**/*.ts with the TypeScript parser, so comments and
// identifiers never count as SQL.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SQL_NAME = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|TRUNCATE)\s+(?:ONLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/g;
const CALL = /\b([a-z_][a-z0-9_]*)\s*\(/gi;
const STATEMENT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE)\b/;
const STATEMENTS_ANYWHERE = /^(database|cli)$/;

/** The SQL-looking text of a file: its string and template literals. */
export function literalsOf(fileName, source) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const texts = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push({ text: node.text, pos: node.getStart(file) });
    else if (ts.isTemplateExpression(node)) {
      texts.push({ text: node.head.text, pos: node.head.getStart(file) });
      for (const span of node.templateSpans) texts.push({ text: span.literal.text, pos: span.literal.getStart(file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return texts.map(({ text, pos }) => ({ text, line: file.getLineAndCharacterOfPosition(pos).line + 1 }));
}

/**
 * The tables and functions a module's file names that belong to another module.
 * `module` is the folder under src/ (a file directly in src/ belongs to the application).
 */
export function foreignNames(module, fileName, source, owners) {
  const found = [];
  const sqlFile = fileName.endsWith('.sql.ts') || STATEMENTS_ANYWHERE.test(module);
  for (const { text, line } of literalsOf(fileName, source)) {
    if (!sqlFile && STATEMENT.test(text)) found.push({ line, name: text.trim().split(/\s+/)[0], owner: module, kind: 'statement' });
    for (const match of text.matchAll(SQL_NAME)) {
      const name = match[1].toLowerCase();
      const owner = owners.tables[name];
      if (owner && owner !== module) found.push({ line, name, owner, kind: 'table' });
    }
    for (const match of text.matchAll(CALL)) {
      const name = match[1].toLowerCase();
      const owner = owners.functions?.[name];
      if (owner && owner !== module && !(owners.published ?? {})[name]) found.push({ line, name, owner, kind: 'function' });
    }
  }
  return found;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return full.endsWith('.ts') && !full.endsWith('.d.ts') ? [full] : [];
  });
}

/** Checks a source tree; returns one message per violation. */
export function checkTree(srcDir, owners) {
  const messages = [];
  const known = new Set(Object.values(owners.tables));
  for (const file of filesUnder(srcDir)) {
    const relative = path.relative(srcDir, file).split(path.sep);
    const module = relative.length > 1 ? relative[0] : '(application)';
    for (const hit of foreignNames(module, file, readFileSync(file, 'utf8'), owners)) {
      messages.push(hit.kind === 'statement'
        ? `${path.relative(process.cwd(), file)}:${hit.line}: a ${hit.name} statement outside ${hit.owner}/'s *.sql.ts file; keep the module's statements there`
        : `${path.relative(process.cwd(), file)}:${hit.line}: names ${hit.kind} ${hit.name}, owned by ${hit.owner}/; compose a statement part that ${hit.owner}/ exports instead`);
    }
  }
  for (const owner of known) {
    try {
      statSync(path.join(srcDir, owner));
    } catch {
      messages.push(`table-owners: module ${owner}/ owns tables but there is no src/${owner}/`);
    }
  }
  return messages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.cwd();
  const srcDir = path.resolve(root, process.argv[2] ?? 'src');
  const ownersFile = path.resolve(root, process.argv[3] ?? 'migrations/table-owners.json');
  const owners = JSON.parse(readFileSync(ownersFile, 'utf8'));
  const messages = checkTree(srcDir, owners);
  for (const message of messages) process.stderr.write(`${message}\n`);
  if (messages.length > 0) {
    process.stderr.write(`table owners: ${messages.length} statement(s) outside their owner or their module's *.sql.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`table owners: every statement names only its own module's tables (${Object.keys(owners.tables).length} tables)\n`);
}

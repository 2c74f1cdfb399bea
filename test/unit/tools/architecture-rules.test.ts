import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run lint` must fail on each kind of architecture violation. A small tree of bad
 * examples is written to a temporary folder and checked with the project's own rules:
 * dependency-cruiser's config (.dependency-cruiser.cjs) and the table-owner check.
 */
const repo = path.resolve(process.cwd());
let tree: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
  writeFileSync(path.join(tree, file), text);
}

function violations(): Array<{ rule: string; from: string; to: string }> {
  const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', path.join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: tree, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return report.summary.violations.map((violation) => ({ rule: violation.rule.name, from: violation.from, to: violation.to }));
}

beforeAll(() => {
  tree = mkdtempSync(path.join(os.tmpdir(), 'ocx-lint-'));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', rootDir: '.' }, include: ['src'] }));
  // Good neighbours, so that each bad file is the only reason for its violation.
  write('src/common/domain-error.ts', 'export class DomainError extends Error {}\n');
  write('src/complaints/complaint.entity.ts', 'export class Complaint { id = ""; }\n');
  write('src/complaints/complaints.service.ts', "import { Complaint } from './complaint.entity.js';\nexport const load = (): Complaint => new Complaint();\n");
  // A bottom layer importing a feature.
  write('src/common/reach-up.ts', "import { load } from '../complaints/complaints.service.js';\nexport const reach = load;\n");
  // Two folders importing each other.
  write('src/alpha/alpha.service.ts', "import { beta } from '../beta/beta.service.js';\nexport const alpha = (): number => beta() + 1;\n");
  write('src/beta/beta.service.ts', "import { alpha } from '../alpha/alpha.service.js';\nexport const beta = (): number => (alpha ? 1 : 0);\n");
  // A pure file importing a framework, I/O, and an impure file.
  write('src/referrals/referral-status.ts', "import { Injectable } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\nimport { load } from '../complaints/complaints.service.js';\nexport const x = [Injectable, readFileSync, load];\n");
  // An entity used outside its module.
  write('src/referrals/referrals.service.ts', "import { Complaint } from '../complaints/complaint.entity.js';\nexport const y = new Complaint();\n");
  // SQL naming another module's table, in the module's SQL file.
  write('src/matching/matching.sql.ts', 'export const READ = `SELECT r.partner_id FROM referral r JOIN match_case mc ON mc.complaint_id = r.complaint_id`;\nexport const OWN = `SELECT id FROM match_case`;\n');
  // A statement outside the module's SQL file, and prose that only looks like SQL.
  write('src/matching/notices.service.ts', "export const message = 'Too many requests from partner A';\nexport const STRAY = `SELECT id FROM match_notice`;\n");
});

afterAll(() => rmSync(tree, { recursive: true, force: true }));

describe('the architecture lint', () => {
  it('fails on a folder cycle, a bottom layer importing a feature, a pure file importing a framework, I/O or an impure file, and an entity used elsewhere', () => {
    const found = violations();
    const has = (rule: string, from: string, to: string): boolean => found.some((violation) => violation.rule === rule && violation.from.startsWith(from) && violation.to.startsWith(to));
    expect(has('no-folder-cycle', 'src/alpha', 'src/beta') || has('no-folder-cycle', 'src/beta', 'src/alpha')).toBe(true);
    expect(has('bottom-layer-imports-feature', 'src/common/reach-up.ts', 'src/complaints/complaints.service.ts')).toBe(true);
    expect(has('pure-file-imports-framework-or-io', 'src/referrals/referral-status.ts', '@nestjs/common')).toBe(true);
    expect(has('pure-file-imports-framework-or-io', 'src/referrals/referral-status.ts', 'node:fs') || has('pure-file-imports-framework-or-io', 'src/referrals/referral-status.ts', 'fs')).toBe(true);
    expect(has('pure-file-imports-impure-file', 'src/referrals/referral-status.ts', 'src/complaints/complaints.service.ts')).toBe(true);
    expect(has('entity-outside-its-module', 'src/referrals/referrals.service.ts', 'src/complaints/complaint.entity.ts')).toBe(true);
    // The good neighbours break no rule.
    expect(found.filter((violation) => violation.from === 'src/complaints/complaints.service.ts')).toEqual([]);
  });

  it("fails on SQL that names another module's table, and on a statement outside the module's *.sql.ts", () => {
    const check = spawnSync(process.execPath, [path.join(repo, 'tools/check-table-owners.mjs'), 'src', path.join(repo, 'migrations/table-owners.json')], { cwd: tree, encoding: 'utf8' });
    expect(check.status).toBe(1);
    const lines = check.stderr.trim().split('\n');
    expect(lines).toContain('src/matching/matching.sql.ts:1: names table referral, owned by referrals/; compose a statement part that referrals/ exports instead');
    expect(lines).toContain("src/matching/notices.service.ts:2: a SELECT statement outside matching/'s *.sql.ts file; keep the module's statements there");
    // Its own table in its own SQL file, and a message that says "from partner", are fine.
    expect(lines.filter((line) => line.includes('match_case') || line.includes('notices.service.ts:1'))).toEqual([]);
  });

  it('passes on the hub itself', () => {
    expect(() => execFileSync(process.execPath, [path.join(repo, 'tools/check-table-owners.mjs')], { cwd: repo, encoding: 'utf8' })).not.toThrow();
  });
});

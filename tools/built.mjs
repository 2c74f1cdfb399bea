#!/usr/bin/env node
// Runs a built command-line tool (`node tools/built.mjs dist/src/cli/token.js args…`), building the project first
// only when the build is missing or older than a source file: `npm run token` took 10–16 s when it rebuilt every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const [script, ...args] = process.argv.slice(2);
const newest = (folder) => {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
};
if (!existsSync(script) || statSync(script).mtimeMs < Math.max(newest('src'), newest('migrations'))) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const run = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);

#!/usr/bin/env node
// No private key is committed (the house's rule: no secrets in the repo). Every tracked file is read and refused
// when it holds a PEM private key or a JWK with its private member ("d"). A session's walkthrough once left the
// README's demo platform key (platform.jwk) in the tree; the files that walkthrough writes are now ignored too.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const JWK_PRIVATE = /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/;
const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((file) => file !== '');
const offending = [];
for (const file of files) {
  let size;
  try {
    size = statSync(file).size;
  } catch {
    continue; // deleted in the working tree, not yet committed
  }
  if (size > 5_000_000) continue;
  const text = readFileSync(file, 'utf8');
  if (PEM.test(text) || (JWK_PRIVATE.test(text) && /"kty"\s*:/.test(text))) offending.push(file);
}
if (offending.length > 0) {
  process.stderr.write(`private keys in tracked files (remove them; keep keys under .data/ or outside the repo):\n  ${offending.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`private keys: none in the ${files.length} tracked files\n`);

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseVerifierKey, verifyLog, type NoteKey } from '@ocx/transparency-log';
import { hubLogKeys, hubLogSource } from '../audit/hub-log-source.js';

const USAGE = `usage: npm run audit:verify -- --hub <url> [--token <auditor token>] [--entries]
         [--document-sha256 <hex> | --index <n>] [--trusted <checkpoint file> …]
         [--key <verifier key> …] [--origin <origin>] [--witness <verifier key> … --min-witnesses <n>]

Checks the hub's audit log from what it publishes alone: every checkpoint signed by the log's key, every one a
prefix of the latest tree, the tiles consistent, and (with an auditor's token and --entries) every entry hashing to
its leaf; finds an entry by the SHA-256 of the document it names. --trusted: checkpoints you kept (last month's, a
witness's); the log must still extend them. --key pins the log's keys (otherwise they are read from the hub itself).
Prints the verdict as JSON; exits 1 when something is wrong, naming the first thing.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hub: { type: 'string', default: process.env.OCX_HUB_URL ?? 'http://localhost:3000' },
      token: { type: 'string', default: process.env.OCX_TOKEN },
      entries: { type: 'boolean', default: false },
      'document-sha256': { type: 'string' },
      index: { type: 'string' },
      trusted: { type: 'string', multiple: true },
      key: { type: 'string', multiple: true },
      origin: { type: 'string' },
      witness: { type: 'string', multiple: true },
      'min-witnesses': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  let logKeys: NoteKey[];
  let origin: string;
  if (values.key?.length) {
    logKeys = values.key.map(parseVerifierKey);
    origin = values.origin ?? logKeys[0]!.name;
  } else {
    const published = await hubLogKeys(values.hub);
    process.stderr.write('note: the log\'s keys were read from the hub itself; pin them with --key to check the hub against keys you hold\n');
    logKeys = published.keys;
    origin = values.origin ?? published.origin;
  }
  const find = values['document-sha256'] ? { documentSha256: values['document-sha256'] } : values.index !== undefined ? { index: Number(values.index) } : undefined;
  const started = performance.now();
  const verdict = await verifyLog(hubLogSource(values.hub, values.token ? { token: values.token } : {}), {
    origin,
    logKeys,
    witnesses: (values.witness ?? []).map(parseVerifierKey),
    minWitnesses: Number(values['min-witnesses']),
    trusted: (values.trusted ?? []).map((file) => readFileSync(file, 'utf8')),
    entries: values.entries,
    ...(find ? { find } : {}),
  });
  process.stdout.write(`${JSON.stringify({ ...verdict, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) }, null, 2)}\n`);
  process.exit(verdict.ok && (!find || verdict.found) ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify: ${(error as Error).message}\n`);
  process.exit(2);
});

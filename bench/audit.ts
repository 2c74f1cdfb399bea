import { appendLeaves, checkpointText, encodeEntryBundle, leafHash, signNote, TILE_WIDTH, TiledTree, verifyLog, type LogSource, type TreeEdge } from '@ocx/transparency-log';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { logEntryBytes } from '../src/audit/log-entry.js';
import { measure, printTable } from './harness.js';

/**
 * `npm run bench:audit`: the CPU side of the transparency log, in process (no database): the sequencer's work per
 * entry (leaf hash and tree append, next to plain SHA-256 of the same bytes), inclusion proofs read from the tiles
 * of a tree of BENCH_AUDIT_ENTRIES (1,000,000), and the offline verifier over that whole log.
 */
async function main(): Promise<void> {
  const total = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
  const budget = Number(process.env.BENCH_MS ?? 2000);
  const entry = (index: number): Buffer => logEntryBytes({
    at: new Date(1_795_000_000_000 + index * 1000).toISOString(), actor: 'somchai', actorRole: 'staff', action: 'referral.dispatched', subjectType: 'referral',
    subjectId: `0b0e5b8e-0000-4000-8000-${index.toString(16).padStart(12, '0')}`, partnerId: 'ocpb', outcome: 'ok', details: { evidence: 2, documentId: `d-${index}` },
    documentSha256: createHash('sha256').update(String(index)).digest('hex'),
  });
  process.stdout.write(`entries: ${total.toLocaleString()} of ${entry(0).length} bytes; ${budget} ms per measurement; node ${process.version}\n`);

  // Build the log as the sequencer does, 5,000 entries a round, timing it.
  const entries: Buffer[] = [];
  const tiles = new Map<string, Buffer[]>();
  let tree: TreeEdge = { size: 0, edge: [] };
  let root: Buffer = Buffer.alloc(32);
  const buildStarted = process.hrtime.bigint();
  for (let start = 0; start < total; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, total - start) }, (_, offset) => entry(start + offset));
    entries.push(...batch);
    const appended = appendLeaves(tree, batch.map((bytes) => leafHash(bytes)));
    for (const append of appended.tileAppends) {
      const key = `${append.level}/${append.index}`;
      const tile = tiles.get(key);
      if (tile) tile.push(...append.hashes);
      else tiles.set(key, [...append.hashes]);
    }
    tree = appended;
    root = appended.root;
  }
  const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
  const tileBytes = new Map([...tiles].map(([key, hashes]) => [key, Buffer.concat(hashes)]));
  const readTile = async (level: number, index: number, width: number): Promise<Buffer> => tileBytes.get(`${level}/${index}`)!.subarray(0, width * 32);

  const sample = entries.slice(0, 5000);
  let cursor = 0;
  const sha = await measure('SHA-256 of one entry (baseline)', () => createHash('sha256').update(sample[cursor++ % sample.length]!).digest(), budget);
  let appendTree: TreeEdge = { size: 0, edge: [] };
  const append = await measure('sequencer: leaf hash + append to the tree and tiles', () => {
    appendTree = appendLeaves(appendTree, [leafHash(sample[cursor++ % sample.length]!)]);
  }, budget);
  printTable('Sequencing (CPU only; the database round trip is per 5,000 entries)', [sha, append], sha);
  process.stdout.write(`built the ${total.toLocaleString()}-entry log, entries included, at ${Math.round(total / buildSeconds).toLocaleString()} entries/s\n\n`);

  const proof = await measure(`inclusion proof at ${total.toLocaleString()} entries (fresh tile cache each)`, async () => {
    const index = Math.floor(Math.random() * total);
    await new TiledTree(total, readTile).inclusionProof(index);
  }, budget, 50);
  const consistency = await measure(`consistency proof at ${total.toLocaleString()} entries`, async () => {
    await new TiledTree(total, readTile).consistencyProof(Math.floor(Math.random() * total) + 1);
  }, budget, 50);
  printTable('Proofs from tiles (the hub adds one indexed SELECT per tile read)', [proof, consistency]);

  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const origin = 'bench.ocx/audit';
  const note = signNote(checkpointText({ origin, size: total, rootHash: root, extensions: [] }), { name: origin, key });
  const source: LogSource = {
    checkpoint: async () => note,
    tile: readTile,
    entryBundle: async (index, width) => encodeEntryBundle(entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width)),
  };
  const started = process.hrtime.bigint();
  const verdict = await verifyLog(source, { origin, logKeys: [{ name: origin, key: createPublicKey(key) }], entries: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!verdict.ok) throw new Error(verdict.problem);
  process.stdout.write(`offline verification of ${verdict.entriesChecked.toLocaleString()} entries (signature, tiles level to level, every entry against its leaf): ${seconds.toFixed(2)} s, ${Math.round(verdict.entriesChecked / seconds).toLocaleString()} entries/s (goal 200,000)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

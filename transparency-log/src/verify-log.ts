import { leafHash, rootOf, verifyInclusion } from './merkle.js';
import { NoteError, openNote, parseCheckpoint, type Checkpoint, type NoteKey } from './signed-note.js';
import { decodeEntryBundle, TILE_HEIGHT, TILE_WIDTH, TiledTree, TileError, tilePath, tilesOf, tileWidthAt } from './tiles.js';

/**
 * The offline verifier: given only what the log publishes (signed checkpoints, tiles, entry bundles) and the keys
 * the verifier trusts, it checks that every checkpoint is signed, that all of them are views of one append-only
 * tree (each one's root is recomputed from the latest tree's tiles), that the tiles agree with each other and, when
 * it may read them, that every entry hashes to its leaf. It names the first thing wrong.
 */

/** Where the published log is read from: the hub over HTTP, a mirror on disk, or memory. */
export interface LogSource {
  /** The latest signed checkpoint (a signed note). */
  checkpoint(): Promise<string>;
  /** Earlier signed checkpoints, in any order (optional: a mirror may keep only the latest). */
  checkpoints?(): Promise<string[]>;
  tile(level: number, index: number, width: number): Promise<Uint8Array>;
  /** Entry bundles, when the verifier may read entries (the hub serves them to auditors). */
  entryBundle?(index: number, width: number): Promise<Uint8Array>;
}

export interface VerifyLogOptions {
  /** The origin line the log's checkpoints must carry. */
  origin: string;
  /** The log's keys (every key it has signed with). */
  logKeys: readonly NoteKey[];
  /** Witnesses whose cosignatures are counted, and how many the latest checkpoint must carry. */
  witnesses?: readonly NoteKey[];
  minWitnesses?: number;
  /** Checkpoints the verifier kept from before (last month's, a witness's): the log must still extend them. */
  trusted?: readonly string[];
  /** Read every entry bundle and check each entry against its leaf hash. */
  entries?: boolean;
  /** Find this entry: by its leaf index, or by a SHA-256 (hex) of an exchanged document that the entry names. */
  find?: { index?: number; documentSha256?: string };
  /** Tiles fetched at once. */
  concurrency?: number;
}

export interface FoundEntry {
  index: number;
  entry: string;
  leafHash: string;
  /** The inclusion proof against the latest checkpoint, base64 hashes. */
  proof: string[];
}

export type LogVerdict =
  | { ok: true; origin: string; size: number; rootHash: string; checkpointsChecked: number; entriesChecked: number; witnesses: string[]; found?: FoundEntry | null }
  | { ok: false; problem: string; size?: number };

class Failure extends Error {}

function opened(note: string, options: VerifyLogOptions, what: string): { checkpoint: Checkpoint; signedBy: string[] } {
  let text: string;
  let signedBy: string[];
  try {
    ({ text, signedBy } = openNote(note, [...options.logKeys, ...(options.witnesses ?? [])]));
  } catch (error) {
    if (error instanceof NoteError) throw new Failure(`${what}: ${error.message}`);
    throw error;
  }
  const logNames = new Set(options.logKeys.map((key) => key.name));
  if (!signedBy.some((name) => logNames.has(name))) throw new Failure(`${what}: not signed by the log's key`);
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    throw new Failure(`${what}: ${(error as Error).message}`);
  }
  if (checkpoint.origin !== options.origin) throw new Failure(`${what}: its origin is "${checkpoint.origin}", not "${options.origin}"`);
  return { checkpoint, signedBy: signedBy.filter((name) => !logNames.has(name)) };
}

async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(each));
}

export async function verifyLog(source: LogSource, options: VerifyLogOptions): Promise<LogVerdict> {
  let size: number | undefined;
  try {
    const latest = opened(await source.checkpoint(), options, 'the latest checkpoint');
    size = latest.checkpoint.size;
    if ((options.minWitnesses ?? 0) > latest.signedBy.length) {
      throw new Failure(`the latest checkpoint carries ${latest.signedBy.length} witness cosignature(s), ${options.minWitnesses} required`);
    }
    const tree = new TiledTree(size, (level, index, width) => source.tile(level, index, width));
    const concurrency = options.concurrency ?? 16;

    // Tiles agree with each other: each full tile's root is the hash one level up.
    const tiles = tilesOf(size);
    await inBatches(tiles, concurrency, async (tile) => {
      if (tile.width !== TILE_WIDTH || typeof tile.level !== 'number') return;
      const height = (tile.level + 1) * TILE_HEIGHT;
      if ((tile.index + 1) * 2 ** height > size!) return; // the top of the tree: no tile above holds it
      const [own, above] = await Promise.all([tree.perfectNode(tile.level * TILE_HEIGHT + TILE_HEIGHT, tile.index), hashesRoot(tree, tile.level, tile.index)]);
      if (!own.equals(above)) throw new Failure(`${tilePath(tile)} does not hash to its node in the level above: the tiles were altered`);
    });

    const root = await tree.root();
    if (!root.equals(latest.checkpoint.rootHash)) throw new Failure(`the tiles do not give the root hash of the latest checkpoint (size ${size}): the tiles or the checkpoint were altered`);

    // Every checkpoint published and every one the verifier kept is a view of this same tree.
    const earlier = [...((await source.checkpoints?.()) ?? []).map((note) => ({ note, kept: false })), ...(options.trusted ?? []).map((note) => ({ note, kept: true }))];
    for (const { note, kept } of earlier) {
      const what = kept ? 'a checkpoint you kept' : 'a published checkpoint';
      const { checkpoint } = opened(note, options, what);
      if (checkpoint.size > size) {
        throw new Failure(`${what} has size ${checkpoint.size}, larger than the latest (${size}): the log was rolled back`);
      }
      if (!(await tree.root(checkpoint.size)).equals(checkpoint.rootHash)) {
        throw new Failure(`${what} (size ${checkpoint.size}) is not a prefix of the latest tree: the log was rewritten after it was signed`);
      }
    }

    let entriesChecked = 0;
    let found: FoundEntry | null | undefined = options.find ? null : undefined;
    const wanted = options.find?.documentSha256?.toLowerCase();
    const remember = async (index: number, entry: Buffer): Promise<void> => {
      if (found) return;
      const proof = await tree.inclusionProof(index);
      found = { index, entry: entry.toString('utf8'), leafHash: leafHash(entry).toString('base64'), proof: proof.map((hash) => hash.toString('base64')) };
    };
    if (options.entries || wanted !== undefined || options.find?.index !== undefined) {
      if (!source.entryBundle) throw new Failure('this source does not serve entries');
      const bundles = options.entries || wanted !== undefined
        ? Array.from({ length: Math.ceil(size / TILE_WIDTH) }, (_, index) => index)
        : [Math.floor(options.find!.index! / TILE_WIDTH)];
      await inBatches(bundles, concurrency, async (bundleIndex) => {
        const width = tileWidthAt(0, bundleIndex, size!);
        const entries = decodeEntryBundle(await source.entryBundle!(bundleIndex, width));
        const first = bundleIndex * TILE_WIDTH;
        const leaves = await tree.tile(0, bundleIndex);
        if (entries.length < width) throw new Failure(`entry ${first + entries.length} is missing (the bundle holds ${entries.length} of ${width})`);
        if (entries.length > width) throw new Failure(`the bundle of entries from ${first} holds ${entries.length} entries, not ${width}: entries were added`);
        for (const [offset, entry] of entries.entries()) {
          const index = first + offset;
          if (!leafHash(entry).equals(leaves[offset]!)) throw new Failure(`entry ${index} does not hash to its leaf: it was changed after it was logged`);
          entriesChecked++;
          if (index === options.find?.index || (wanted && entry.includes(wanted) && namesDocument(entry, wanted))) await remember(index, entry);
        }
      });
    }
    return { ok: true, origin: options.origin, size, rootHash: root.toString('base64'), checkpointsChecked: earlier.length + 1, entriesChecked, witnesses: latest.signedBy, ...(found !== undefined ? { found } : {}) };
  } catch (error) {
    if (error instanceof Failure || error instanceof TileError) return { ok: false, problem: error.message, ...(size !== undefined ? { size } : {}) };
    throw error;
  }
}

async function hashesRoot(tree: TiledTree, level: number, index: number): Promise<Buffer> {
  return rootOf(await tree.tile(level, index));
}

function namesDocument(entry: Buffer, documentSha256: string): boolean {
  try {
    return (JSON.parse(entry.toString('utf8')) as { documentSha256?: unknown }).documentSha256 === documentSha256;
  } catch {
    return false;
  }
}

/** A proof that one entry is in the log, as the hub serves it (and as a partner keeps it). */
export interface InclusionBundle {
  /** The entry's exact bytes (UTF-8 canonical JSON). */
  entry: string;
  index: number;
  treeSize: number;
  /** Base64 hashes, RFC 6962 audit path. */
  proof: string[];
  /** The signed checkpoint of `treeSize` the proof is against. */
  checkpoint: string;
}

/** Checks an inclusion bundle with only the log's keys: names what is wrong, or returns the parsed checkpoint. */
export function verifyInclusionBundle(bundle: InclusionBundle, options: Pick<VerifyLogOptions, 'origin' | 'logKeys' | 'witnesses'>): { ok: true; checkpoint: Checkpoint; witnesses: string[] } | { ok: false; problem: string } {
  try {
    const { checkpoint, signedBy } = opened(bundle.checkpoint, options, 'the checkpoint');
    if (checkpoint.size !== bundle.treeSize) throw new Failure(`the checkpoint has size ${checkpoint.size}, the proof is for ${bundle.treeSize}`);
    const proof = bundle.proof.map((hash) => Buffer.from(hash, 'base64'));
    if (!verifyInclusion(leafHash(Buffer.from(bundle.entry, 'utf8')), bundle.index, bundle.treeSize, proof, checkpoint.rootHash)) {
      throw new Failure(`the proof does not put this entry at index ${bundle.index} of the signed tree of ${bundle.treeSize}`);
    }
    return { ok: true, checkpoint, witnesses: signedBy };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, problem: error.message };
    throw error;
  }
}

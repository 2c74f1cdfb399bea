import { EMPTY_ROOT, HASH_SIZE, nodeHash, rootOf, splitPoint } from './merkle.js';

/**
 * The log's tree stored and served as tiles (c2sp.org/tlog-tiles): a tile of level L holds up to 256 consecutive
 * hashes of the tree at height 8·L, so level 0 holds the leaf hashes, level 1 the roots of full level-0 tiles, and
 * so on. Any node of the tree is the root of a run of hashes in one tile, so tiles alone give every root and proof.
 * Pure: reading a tile is the caller's (`TileReader`).
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 1 << TILE_HEIGHT;
/** tlog-tiles allows levels 0 to 5 (2^48 entries). */
export const MAX_TILE_LEVEL = 5;
/** Entries in an entry bundle are prefixed with a big-endian uint16 length. */
export const MAX_ENTRY_BYTES = 0xffff;

export interface TileAddress {
  level: number | 'entries';
  index: number;
  /** 1..256; 256 is a full tile, served without `.p/`. */
  width: number;
}

/** The index in 3-digit path elements, all but the last prefixed with "x": 1234067 → x001/x234/067. */
export function tileIndexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`${index} is not a tile index`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, position) => (position < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, relative to the log's prefix. */
export function tilePath(tile: TileAddress): string {
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : '';
  return `tile/${tile.level}/${tileIndexPath(tile.index)}${partial}`;
}

/** Reads the part of a tile path after `tile/`; undefined for anything tlog-tiles does not allow. */
export function parseTilePath(path: string): TileAddress | undefined {
  const match = /^(entries|[0-5])\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d{1,3}))?$/.exec(path);
  if (!match) return undefined;
  const [, level, indexPath, width] = match as unknown as [string, string, string, string | undefined];
  const index = Number(indexPath.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(index) || tileIndexPath(index) !== indexPath) return undefined;
  if (width !== undefined && (!/^[1-9]\d*$/.test(width) || Number(width) >= TILE_WIDTH)) return undefined;
  return { level: level === 'entries' ? 'entries' : Number(level), index, width: width === undefined ? TILE_WIDTH : Number(width) };
}

/** How many hashes tile `index` of `level` holds in a tree of `size` leaves (0 when it does not exist yet). */
export function tileWidthAt(level: number, index: number, size: number): number {
  const nodes = Math.floor(size / 2 ** (TILE_HEIGHT * level));
  return Math.max(0, Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH));
}

/** Every tile of a tree of `size` leaves, level by level (what a mirror or a verifier fetches). */
export function tilesOf(size: number): TileAddress[] {
  const tiles: TileAddress[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const nodes = Math.floor(size / 2 ** (TILE_HEIGHT * level));
    if (nodes === 0) break;
    for (let index = 0; index * TILE_WIDTH < nodes; index++) tiles.push({ level, index, width: tileWidthAt(level, index, size) });
  }
  return tiles;
}

/**
 * The right edge of a tree: the roots of its perfect subtrees, largest first (one per 1-bit of the size). Enough to
 * append leaves and to compute the root without the rest of the tree.
 */
export interface TreeEdge {
  size: number;
  edge: Buffer[];
}

export interface Appended extends TreeEdge {
  root: Buffer;
  /** Hashes to append to each tile, in order: every leaf at level 0, each new full subtree of height 8·L at level L. */
  tileAppends: Array<{ level: number; index: number; hashes: Buffer[] }>;
}

export function edgeRoot(edge: readonly Buffer[]): Buffer {
  if (edge.length === 0) return EMPTY_ROOT;
  let root = edge[edge.length - 1]!;
  for (let position = edge.length - 2; position >= 0; position--) root = nodeHash(edge[position]!, root);
  return root;
}

/** Appends leaf hashes to a tree's edge: the new edge and root, and what each tile gains. */
export function appendLeaves(tree: TreeEdge, leafHashes: readonly Buffer[]): Appended {
  const edge = [...tree.edge];
  let size = tree.size;
  const appends = new Map<string, { level: number; index: number; hashes: Buffer[] }>();
  const addToTile = (level: number, nodeIndex: number, hash: Buffer): void => {
    const index = Math.floor(nodeIndex / TILE_WIDTH);
    const key = `${level}/${index}`;
    let tile = appends.get(key);
    if (!tile) appends.set(key, (tile = { level, index, hashes: [] }));
    tile.hashes.push(hash);
  };
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) throw new TypeError('a leaf hash has 32 bytes');
    addToTile(0, size, leaf);
    let node = leaf;
    let height = 0;
    // Merge while the new leaf completes a perfect subtree: as many times as the index has trailing 1-bits.
    while (Math.floor(size / 2 ** height) % 2 === 1) {
      node = nodeHash(edge.pop()!, node);
      height++;
      if (height % TILE_HEIGHT === 0) addToTile(height / TILE_HEIGHT, Math.floor(size / 2 ** height), node);
    }
    edge.push(node);
    size++;
  }
  return { size, edge, root: edgeRoot(edge), tileAppends: [...appends.values()] };
}

/** Splits a tile's bytes into its hashes. */
export function tileHashes(tile: Uint8Array): Buffer[] {
  if (tile.length % HASH_SIZE !== 0) throw new TypeError('a tile is a whole number of 32-byte hashes');
  const hashes: Buffer[] = [];
  for (let offset = 0; offset < tile.length; offset += HASH_SIZE) hashes.push(Buffer.from(tile.subarray(offset, offset + HASH_SIZE)));
  return hashes;
}

/** Reads one tile of the tree (`width` hashes, as the tree of the reader's size has it). */
export type TileReader = (level: number, index: number, width: number) => Promise<Uint8Array>;

export class TileError extends Error {}

/**
 * The nodes, roots and proofs of a tree of `size` leaves, read from its tiles. Tiles are read once each and kept;
 * a tile shorter than the tree says it is, or not a whole number of hashes, is a TileError.
 */
export class TiledTree {
  private readonly tiles = new Map<string, Promise<Buffer[]>>();

  constructor(
    readonly size: number,
    private readonly read: TileReader,
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${size} is not a tree size`);
  }

  /** The hashes of one tile, as wide as this tree has it. */
  tile(level: number, index: number): Promise<Buffer[]> {
    const key = `${level}/${index}`;
    let tile = this.tiles.get(key);
    if (!tile) {
      const width = tileWidthAt(level, index, this.size);
      tile = this.read(level, index, width).then((bytes) => {
        if (bytes.length !== width * HASH_SIZE) throw new TileError(`tile ${tilePath({ level, index, width })} has ${bytes.length} bytes, not ${width * HASH_SIZE}`);
        return tileHashes(bytes);
      });
      this.tiles.set(key, tile);
    }
    return tile;
  }

  /** The root of the perfect subtree of height `height` whose leaves start at `index`·2^height. */
  async perfectNode(height: number, index: number): Promise<Buffer> {
    if ((index + 1) * 2 ** height > this.size) throw new RangeError(`node ${height}/${index} is not in a tree of ${this.size}`);
    const level = Math.floor(height / TILE_HEIGHT);
    const below = height % TILE_HEIGHT;
    const first = index * 2 ** below;
    const tile = await this.tile(level, Math.floor(first / TILE_WIDTH));
    const offset = first % TILE_WIDTH;
    return below === 0 ? tile[offset]! : rootOf(tile.slice(offset, offset + 2 ** below));
  }

  /** MTH of the leaves [start, end), as RFC 6962 splits it. */
  async rangeHash(start: number, end: number): Promise<Buffer> {
    const count = end - start;
    if (count <= 0) throw new RangeError('an empty range has no hash');
    const height = Math.log2(count);
    if (Number.isInteger(height) && start % count === 0) return this.perfectNode(height, start / count);
    const split = splitPoint(count);
    return nodeHash(await this.rangeHash(start, start + split), await this.rangeHash(start + split, end));
  }

  async root(size: number = this.size): Promise<Buffer> {
    if (size > this.size) throw new RangeError(`a tree of ${this.size} has no root of size ${size}`);
    return size === 0 ? EMPTY_ROOT : this.rangeHash(0, size);
  }

  async leafHash(index: number): Promise<Buffer> {
    return this.perfectNode(0, index);
  }

  /** RFC 6962 audit path of leaf `index` in the tree of the first `size` leaves. */
  async inclusionProof(index: number, size: number = this.size): Promise<Buffer[]> {
    if (!(index >= 0 && index < size && size <= this.size)) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
    const path = async (leaf: number, start: number, end: number): Promise<Buffer[]> => {
      if (end - start === 1) return [];
      const split = splitPoint(end - start);
      return leaf < split
        ? [...(await path(leaf, start, start + split)), await this.rangeHash(start + split, end)]
        : [...(await path(leaf - split, start + split, end)), await this.rangeHash(start, start + split)];
    };
    return path(index, 0, size);
  }

  /** RFC 6962 consistency proof from the tree of `first` leaves to that of `second`. */
  async consistencyProof(first: number, second: number = this.size): Promise<Buffer[]> {
    if (!(first >= 0 && first <= second && second <= this.size)) throw new RangeError(`no consistency proof from ${first} to ${second} in a tree of ${this.size}`);
    if (first === 0 || first === second) return [];
    const subproof = async (m: number, start: number, end: number, whole: boolean): Promise<Buffer[]> => {
      if (m === end - start) return whole ? [] : [await this.rangeHash(start, end)];
      const split = splitPoint(end - start);
      return m <= split
        ? [...(await subproof(m, start, start + split, whole)), await this.rangeHash(start + split, end)]
        : [...(await subproof(m - split, start + split, end, false)), await this.rangeHash(start, start + split)];
    };
    return subproof(first, 0, second, true);
  }
}

/** An entry bundle (tlog-tiles): each entry as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES) throw new RangeError(`an entry has at most ${MAX_ENTRY_BYTES} bytes`);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

export function decodeEntryBundle(bundle: Uint8Array): Buffer[] {
  const entries: Buffer[] = [];
  const bytes = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  for (let offset = 0; offset < bytes.length;) {
    if (offset + 2 > bytes.length) throw new TileError('an entry bundle ends inside a length');
    const length = bytes.readUInt16BE(offset);
    if (offset + 2 + length > bytes.length) throw new TileError('an entry bundle ends inside an entry');
    entries.push(bytes.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}

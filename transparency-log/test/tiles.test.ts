import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, rootOf, verifyConsistency, verifyInclusion } from '../src/merkle.js';
import { appendLeaves, decodeEntryBundle, encodeEntryBundle, parseTilePath, TiledTree, tileIndexPath, tilePath, tilesOf, tileWidthAt, type TreeEdge } from '../src/tiles.js';

const leaves = (count: number, from = 0): Buffer[] => Array.from({ length: count }, (_, index) => leafHash(Buffer.from(`entry ${from + index}`)));

/** Builds the tiles of a tree as the hub stores them: appends to each tile, batch by batch. */
function tiled(batches: number[]): { tree: TreeEdge & { root: Buffer }; tiles: Map<string, Buffer[]>; all: Buffer[] } {
  let tree: TreeEdge & { root: Buffer } = { size: 0, edge: [], root: EMPTY_ROOT };
  const tiles = new Map<string, Buffer[]>();
  const all: Buffer[] = [];
  for (const count of batches) {
    const batch = leaves(count, all.length);
    all.push(...batch);
    const appended = appendLeaves(tree, batch);
    for (const append of appended.tileAppends) {
      const key = `${append.level}/${append.index}`;
      tiles.set(key, [...(tiles.get(key) ?? []), ...append.hashes]);
    }
    tree = appended;
  }
  return { tree, tiles, all };
}

function reader(tiles: Map<string, Buffer[]>) {
  return async (level: number, index: number, width: number): Promise<Buffer> => Buffer.concat((tiles.get(`${level}/${index}`) ?? []).slice(0, width));
}

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('encodes indexes in 3-digit elements, all but the last prefixed with x', () => {
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1000)).toBe('x001/000');
    expect(tilePath({ level: 2, index: 1234067, width: 256 })).toBe('tile/2/x001/x234/067');
    expect(tilePath({ level: 'entries', index: 5, width: 17 })).toBe('tile/entries/005.p/17');
  });

  it('reads back what it writes and refuses what the spec does not allow', () => {
    for (const index of [0, 7, 999, 1000, 1234067, 2 ** 40]) {
      for (const width of [1, 255, 256]) {
        const path = tilePath({ level: 3, index, width });
        expect(parseTilePath(path.slice('tile/'.length))).toEqual({ level: 3, index, width });
      }
    }
    for (const bad of ['6/000', '0/00', '0/0000', '0/x000', '0/001/002', '0/000.p/0', '0/000.p/256', '0/000.p/007', 'entries/x0/000', '01/000', '0/000/']) {
      expect(parseTilePath(bad)).toBeUndefined();
    }
  });

  it('knows the width of every tile of a tree', () => {
    expect(tileWidthAt(0, 0, 300)).toBe(256);
    expect(tileWidthAt(0, 1, 300)).toBe(44);
    expect(tileWidthAt(1, 0, 300)).toBe(1);
    expect(tileWidthAt(0, 2, 300)).toBe(0);
    expect(tilesOf(65536 + 3).map((tile) => tilePath(tile))).toEqual([...Array.from({ length: 256 }, (_, index) => tilePath({ level: 0, index, width: 256 })), 'tile/0/256.p/3', 'tile/1/000', 'tile/2/000.p/1']);
  });
});

describe('a tree appended to batch by batch', () => {
  it('has the RFC 6962 root whatever the batches, and tiles that give every root and proof', async () => {
    for (const batches of [[1], [255, 1], [256], [1, 1, 1, 300], [70000], [65535, 1, 2], [100, 156, 65280, 7]]) {
      const { tree, tiles, all } = tiled(batches);
      expect(tree.size).toBe(all.length);
      expect(tree.root.equals(rootOf(all))).toBe(true);
      const tiledTree = new TiledTree(tree.size, reader(tiles));
      expect((await tiledTree.root()).equals(tree.root)).toBe(true);
      for (const size of [1, 2, 3, 255, 256, 257, all.length - 1, all.length].filter((candidate) => candidate >= 1 && candidate <= all.length)) {
        const root = rootOf(all.slice(0, size));
        expect((await tiledTree.root(size)).equals(root)).toBe(true);
        // The reference generators walk every leaf: compared on small trees, the verifiers judge the large ones.
        const small = all.length < 1000;
        for (const index of [0, size - 1, Math.floor(size / 2)]) {
          const proof = await tiledTree.inclusionProof(index, size);
          if (small) expect(proof).toEqual(inclusionProof(all, index, size));
          expect(verifyInclusion(all[index]!, index, size, proof, root)).toBe(true);
        }
        const consistency = await tiledTree.consistencyProof(size, all.length);
        if (small) expect(consistency).toEqual(consistencyProof(all, size, all.length));
        expect(verifyConsistency(size, all.length, root, tree.root, consistency)).toBe(true);
      }
    }
  });

  it('refuses a tile shorter than the tree it claims', async () => {
    const { tiles } = tiled([300]);
    tiles.set('0/1', tiles.get('0/1')!.slice(0, 10));
    await expect(new TiledTree(300, reader(tiles)).root()).rejects.toThrow(/tile\/0\/001\.p\/44 has 320 bytes, not 1408/);
  });
});

describe('entry bundles', () => {
  it('prefix each entry with its length and read back exactly', () => {
    const entries = ['{"a":1}', '', 'ไทย'.repeat(100)].map((text) => Buffer.from(text));
    expect(decodeEntryBundle(encodeEntryBundle(entries))).toEqual(entries);
    expect(() => decodeEntryBundle(encodeEntryBundle(entries).subarray(0, 5))).toThrow(/ends inside an entry/);
    expect(() => encodeEntryBundle([Buffer.alloc(70000)])).toThrow(/at most 65535/);
    expect(createHash('sha256').update(encodeEntryBundle([])).digest('hex')).toBe(createHash('sha256').digest('hex'));
  });
});

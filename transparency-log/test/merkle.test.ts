import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, nodeHash, rootOf, splitPoint, verifyConsistency, verifyInclusion } from '../src/merkle.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Buffer => Buffer.from(text, 'hex');

// RFC 6962 test vectors, as Certificate Transparency's reference implementations publish them (data only).
const ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const LEAVES = ENTRIES.map(leafHash);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const CONSISTENCY = [
  { first: 2, second: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

describe('the Merkle tree of RFC 6962', () => {
  it('hashes leaves and nodes with their prefixes, and the empty tree as SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    expect(hex(leafHash(new Uint8Array()))).toBe(createHash('sha256').update(Uint8Array.of(0)).digest('hex'));
    expect(hex(nodeHash(LEAVES[0]!, LEAVES[1]!))).toBe(ROOTS[2]);
    expect(() => nodeHash(Buffer.alloc(31), LEAVES[0]!)).toThrow(TypeError);
  });

  it('splits at the largest power of two below the size, not at the middle', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 512]);
  });

  it.each(ROOTS.map((root, size) => [size, root] as const))('gives the reference root for %i leaves', (size, root) => {
    expect(hex(rootOf(LEAVES.slice(0, size)))).toBe(root);
  });

  it.each(INCLUSION)('gives and verifies the reference inclusion proof of leaf $index in $size', ({ index, size, proof }) => {
    expect(inclusionProof(LEAVES, index, size).map(hex)).toEqual(proof);
    expect(verifyInclusion(LEAVES[index]!, index, size, proof.map(unhex), unhex(ROOTS[size]!))).toBe(true);
  });

  it.each(CONSISTENCY)('gives and verifies the reference consistency proof from $first to $second', ({ first, second, proof }) => {
    expect(consistencyProof(LEAVES, first, second).map(hex)).toEqual(proof);
    expect(verifyConsistency(first, second, unhex(ROOTS[first]!), unhex(ROOTS[second]!), proof.map(unhex))).toBe(true);
  });

  // Every shape of the recursion: all leaves of all trees up to 70, all pairs of sizes.
  const many = Array.from({ length: 70 }, (_, index) => leafHash(Buffer.from(`entry ${index}`)));
  const roots = Array.from({ length: many.length + 1 }, (_, size) => rootOf(many.slice(0, size)));

  it('verifies every inclusion proof, and refuses it for another leaf, index, size or root, or when altered', () => {
    for (let size = 1; size <= many.length; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(many, index, size);
        expect(verifyInclusion(many[index]!, index, size, proof, roots[size]!)).toBe(true);
        if (size === 1) continue;
        expect(verifyInclusion(many[(index + 1) % size]!, index, size, proof, roots[size]!)).toBe(false);
        expect(verifyInclusion(many[index]!, (index + 1) % size, size, proof, roots[size]!)).toBe(false);
        expect(verifyInclusion(many[index]!, index, size, proof, roots[size - 1]!)).toBe(false);
        expect(verifyInclusion(many[index]!, index, size, proof.slice(0, -1), roots[size]!)).toBe(false);
        expect(verifyInclusion(many[index]!, index, size, [...proof, many[0]!], roots[size]!)).toBe(false);
        const flipped = proof.map((hash) => Buffer.from(hash));
        flipped[0]![0]! ^= 1;
        expect(verifyInclusion(many[index]!, index, size, flipped, roots[size]!)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof between two sizes, and refuses altered ones and a rewritten history', () => {
    const rewritten = [...many];
    rewritten[3] = leafHash(Buffer.from('not what was logged'));
    for (let second = 1; second <= many.length; second++) {
      for (let first = 0; first <= second; first++) {
        const proof = consistencyProof(many, first, second);
        expect(verifyConsistency(first, second, roots[first]!, roots[second]!, proof)).toBe(true);
        if (first === 0 || first === second) continue;
        expect(verifyConsistency(first, second, roots[first]!, roots[second - 1]!, proof)).toBe(false);
        expect(verifyConsistency(first, second, roots[first]!, roots[second]!, proof.slice(0, -1))).toBe(false);
        const flipped = proof.map((hash) => Buffer.from(hash));
        flipped[flipped.length - 1]![5]! ^= 0x80;
        expect(verifyConsistency(first, second, roots[first]!, roots[second]!, flipped)).toBe(false);
        if (first > 3) {
          // A log that rewrote entry 3 after publishing `first` cannot prove it only grew.
          const forged = rootOf(rewritten.slice(0, second));
          expect(verifyConsistency(first, second, roots[first]!, forged, consistencyProof(rewritten, first, second))).toBe(false);
        }
      }
    }
  });

  it('answers false to malformed input and throws on impossible requests', () => {
    expect(verifyInclusion(Buffer.alloc(31), 5, 8, [], unhex(ROOTS[8]!))).toBe(false);
    expect(verifyInclusion(LEAVES[5]!, 8, 8, [], unhex(ROOTS[8]!))).toBe(false);
    expect(verifyInclusion(LEAVES[5]!, -1, 8, [], unhex(ROOTS[8]!))).toBe(false);
    expect(verifyInclusion(LEAVES[5]!, 5, 8, 'not a proof' as never, unhex(ROOTS[8]!))).toBe(false);
    expect(verifyConsistency(8, 6, unhex(ROOTS[8]!), unhex(ROOTS[6]!), [])).toBe(false);
    expect(verifyConsistency(6, 8, unhex(ROOTS[6]!), unhex(ROOTS[8]!), [])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, unhex(ROOTS[8]!), [])).toBe(true);
    expect(verifyConsistency(4, 4, unhex(ROOTS[4]!), unhex(ROOTS[4]!), [])).toBe(true);
    expect(verifyConsistency(4, 4, unhex(ROOTS[4]!), unhex(ROOTS[5]!), [])).toBe(false);
    expect(() => inclusionProof(LEAVES, 8, 8)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES, 5, 3)).toThrow(RangeError);
    expect(() => rootOf([Buffer.alloc(31)])).toThrow(TypeError);
  });
});

import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 §2.1 (kept by RFC 9162 and the C2SP tlog specs): leaves hashed
 * with a 0x00 prefix, interior nodes with 0x01, the tree split at the largest power of two
 * below its size. Generators take the leaf hashes of the whole tree (the log keeps them);
 * verifiers (RFC 9162 §2.1.3.2, §2.1.4.2) take only hashes and sizes, as an outside
 * verifier has them, and answer false rather than throw on anything malformed. Sizes are
 * plain numbers: exact to 2^53 leaves, with no 32-bit shifts anywhere.
 */

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

// One-shot crypto.hash over a prefixed copy in a scratch buffer: a third faster than createHash().update()…, and a
// verifier hashes every entry and every node (synchronous: no other call can use the scratch meanwhile).
const SCRATCH_SIZE = 64 * 1024;
const scratch = Buffer.alloc(SCRATCH_SIZE + 1);

export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length > SCRATCH_SIZE) return createHash('sha256').update(Uint8Array.of(0x00)).update(entry).digest();
  scratch[0] = 0x00;
  scratch.set(entry, 1);
  return hash('sha256', scratch.subarray(0, entry.length + 1), 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new TypeError('node hashes take two 32-byte hashes');
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 1 + HASH_SIZE);
  return hash('sha256', scratch.subarray(0, 1 + 2 * HASH_SIZE), 'buffer');
}

/** The largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkLeaves(leaves: readonly Uint8Array[]): void {
  if (!Array.isArray(leaves) || leaves.some((leaf) => !(leaf instanceof Uint8Array) || leaf.length !== HASH_SIZE)) {
    throw new TypeError('the tree is given as an array of 32-byte leaf hashes');
  }
}

/** MTH(D[n]) over leaf hashes. */
export function rootOf(leaves: readonly Uint8Array[]): Buffer {
  checkLeaves(leaves);
  return mth(leaves, 0, leaves.length);
}

function mth(leaves: readonly Uint8Array[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leaves[from]!);
  const k = splitPoint(n);
  return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
}

/** PATH(index, D[size]) (RFC 6962 §2.1.1): the audit path of one leaf in the tree of the first `size` leaves. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number, size: number = leaves.length): Buffer[] {
  checkLeaves(leaves);
  if (!Number.isSafeInteger(size) || size < 1 || size > leaves.length) throw new RangeError(`no tree of size ${size} among ${leaves.length} leaves`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  return path(leaves, index, 0, size);
}

function path(leaves: readonly Uint8Array[], index: number, from: number, to: number): Buffer[] {
  const n = to - from;
  if (n === 1) return [];
  const k = splitPoint(n);
  return index < k ? [...path(leaves, index, from, from + k), mth(leaves, from + k, to)] : [...path(leaves, index - k, from + k, to), mth(leaves, from, from + k)];
}

/** PROOF(first, D[second]) (RFC 6962 §2.1.2): that the tree of `second` leaves extends the tree of `first`. */
export function consistencyProof(leaves: readonly Uint8Array[], first: number, second: number = leaves.length): Buffer[] {
  checkLeaves(leaves);
  if (!Number.isSafeInteger(second) || second < 0 || second > leaves.length) throw new RangeError(`no tree of size ${second} among ${leaves.length} leaves`);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) throw new RangeError(`a tree of size ${first} cannot be a prefix of one of size ${second}`);
  if (first === 0 || first === second) return [];
  return subproof(leaves, first, 0, second, true);
}

function subproof(leaves: readonly Uint8Array[], m: number, from: number, to: number, whole: boolean): Buffer[] {
  const n = to - from;
  if (m === n) return whole ? [] : [mth(leaves, from, to)];
  const k = splitPoint(n);
  return m <= k ? [...subproof(leaves, m, from, from + k, whole), mth(leaves, from + k, to)] : [...subproof(leaves, m - k, from + k, to, false), mth(leaves, from, from + k)];
}

const isHash = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length === HASH_SIZE;
const odd = (value: number): boolean => value % 2 === 1;
const half = (value: number): number => Math.floor(value / 2);

/** RFC 9162 §2.1.3.2: is `leaf` the leaf at `index` of the tree of `size` whose root is `root`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does the tree of `second` leaves (root `secondRoot`) extend the tree of `first` (root `firstRoot`)? */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  // The empty tree is a prefix of every tree; a tree is consistent with itself only (both: no proof to give).
  if (first === 0) return proof.length === 0 && Buffer.from(firstRoot).equals(EMPTY_ROOT);
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (proof.length === 0) return false;
  let path = [...proof];
  // A first tree whose size is a power of two is a whole subtree of the second: its root starts the path.
  if (2 ** Math.round(Math.log2(first)) === first) path = [firstRoot, ...path];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `size` bytes from the operating system's CSPRNG, drawn 4 KiB at a time (as Node's randomUUID and randomInt pool
 * theirs): a call to the generator costs about as much for 4 KiB as for 12 bytes, and intake draws an IV and two
 * UUIDv7s per complaint. Each byte is handed out once; a spent pool is replaced, never refilled in place, so a
 * returned buffer never changes.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}

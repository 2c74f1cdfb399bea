import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const SNIFF_BYTES = 4100;
// Past the limit the rest of the body is read and dropped (so the client gets its 413), up to this much more.
const DRAIN_ALLOWANCE = 64 * 1024 * 1024;

export interface SpooledUpload {
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
  readonly head: Buffer;
  discard(): Promise<void>;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload exceeds ${limit} bytes`);
  }
}

/**
 * Streams an upload to a temporary file, hashing and counting on the way and
 * keeping only the first bytes in memory (to sniff the type). Stops writing as
 * soon as the limit is passed. The object store then gets a body of known size.
 */
export async function spoolUpload(source: Readable, limit: number): Promise<SpooledUpload> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocx-upload-'));
  const file = path.join(dir, 'body');
  const discard = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit + DRAIN_ALLOWANCE) return callback(new UploadTooLargeError(limit));
      if (size > limit) return callback();
      hash.update(chunk);
      if (headLength < SNIFF_BYTES) {
        const needed = chunk.subarray(0, SNIFF_BYTES - headLength);
        headChunks.push(Buffer.from(needed));
        headLength += needed.length;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  if (size > limit) {
    await discard();
    throw new UploadTooLargeError(limit);
  }
  return { file, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks), discard };
}

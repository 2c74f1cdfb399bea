import { isProcessRunning } from '../common/processes.js';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const SNIFF_BYTES = 4100;

/**
 * Uploads are spooled under a folder of the hub process's own (`<tmp>/ocx-spool/<pid>`, 0700): a spooled file is a
 * complainant's evidence in clear, so what a process leaves there is removed when it stops, and what a process that
 * died left is swept when another starts.
 */
export const SPOOL_ROOT = path.join(os.tmpdir(), 'ocx-spool');

export function spoolDirOf(pid: number = process.pid): string {
  return path.join(SPOOL_ROOT, String(pid));
}

/** Removes the spool folders of processes that no longer run; returns how many. */
export async function sweepSpool(): Promise<number> {
  const entries = await readdir(SPOOL_ROOT).catch(() => [] as string[]);
  let swept = 0;
  for (const entry of entries) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isProcessRunning(pid))) continue;
    await rm(path.join(SPOOL_ROOT, entry), { recursive: true, force: true });
    swept += 1;
  }
  return swept;
}

/** Removes this process's spool folder (on shutdown). */
export async function removeOwnSpool(): Promise<void> {
  await rm(spoolDirOf(), { recursive: true, force: true });
}

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
  await mkdir(spoolDirOf(), { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(path.join(spoolDirOf(), 'upload-'));
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

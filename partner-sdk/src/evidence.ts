import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { EvidenceItem } from './documents.js';
import { OcxEvidenceMismatchError } from './errors.js';

/** A file path (written only once it checks out) or a stream you own (it receives bytes as they come). */
export type EvidenceDestination = string | Writable;

export interface DownloadedEvidence {
  evidenceId: string;
  /** The file written, when the destination was a path. */
  path: string | undefined;
  size: number;
  sha256: string;
  mediaType: string;
  filename: string;
}

/**
 * Streams an evidence file to its destination while counting and hashing it, then compares
 * size and SHA-256 with the item of the signed manifest. To a path, the bytes go to a
 * temporary file beside it that is renamed only when they match, and removed when they do
 * not; a stream stops as soon as the file is longer than the manifest says.
 */
export async function receiveEvidence(body: ReadableStream<Uint8Array>, item: EvidenceItem, destination: EvidenceDestination): Promise<DownloadedEvidence> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > item.size) {
        callback(new OcxEvidenceMismatchError(item.id, { sha256: item.sha256, size: item.size }, { sha256: 'unknown (longer than the manifest)', size }));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const source = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
  const partial = typeof destination === 'string' ? `${destination}.${randomBytes(6).toString('hex')}.partial` : undefined;
  try {
    await pipeline(source, meter, partial ? createWriteStream(partial, { flags: 'wx', mode: 0o600 }) : (destination as Writable));
    const sha256 = hash.digest('hex');
    if (size !== item.size || sha256 !== item.sha256.toLowerCase()) {
      throw new OcxEvidenceMismatchError(item.id, { sha256: item.sha256, size: item.size }, { sha256, size });
    }
    if (partial) await rename(partial, destination as string);
    return { evidenceId: item.id, path: partial ? (destination as string) : undefined, size, sha256, mediaType: item.mediaType, filename: item.filename };
  } catch (error) {
    if (partial) await rm(partial, { force: true });
    throw error;
  }
}

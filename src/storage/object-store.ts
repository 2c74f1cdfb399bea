import type { Readable } from 'node:stream';

export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly contentType?: string;
}

/**
 * The hub's view of object storage. An abstract class so it doubles as the Nest
 * injection token; the one implementation speaks S3 through the `minio` client,
 * so the embedded store and a production MinIO run the same code.
 */
export abstract class ObjectStore {
  /** Creates the bucket when it is missing. */
  abstract ensureBucket(): Promise<void>;
  /** Resolves when the store answers for the bucket; rejects otherwise. */
  abstract ping(): Promise<void>;
  /** Uploads a body of known size (s3rver lacks ListMultipartUploads, so streams of unknown size are not offered). */
  abstract put(key: string, body: Readable | Buffer, size: number, contentType: string): Promise<void>;
  /** Uploads a file from disk holding at most one part in memory (multipart above the part size). */
  abstract putFile(key: string, file: string, size: number, contentType: string): Promise<void>;
  abstract stat(key: string): Promise<StoredObject | undefined>;
  abstract get(key: string, range?: { offset: number; length: number }): Promise<Readable>;
  abstract remove(key: string): Promise<void>;
}

import { Client } from 'minio';
import type { Readable } from 'node:stream';
import { ObjectStore, type StoredObject } from './object-store.js';

export interface S3Connection {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /** Multipart part size in bytes; the client buffers one part per upload. */
  partSize?: number;
}

export class MinioObjectStore extends ObjectStore {
  private readonly client: Client;

  constructor(private readonly connection: S3Connection) {
    super();
    const url = new URL(connection.endpoint);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: connection.accessKey,
      secretKey: connection.secretKey,
      region: connection.region,
      // Path-style works with MinIO, s3rver and AWS alike.
      pathStyle: true,
      ...(connection.partSize ? { partSize: connection.partSize } : {}),
    });
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.connection.bucket))) {
      await this.client.makeBucket(this.connection.bucket, this.connection.region);
    }
  }

  async ping(): Promise<void> {
    const exists = await this.client.bucketExists(this.connection.bucket);
    if (!exists) throw new Error(`bucket ${this.connection.bucket} does not exist`);
  }

  async put(key: string, body: Readable | Buffer, size: number, contentType: string): Promise<void> {
    await this.client.putObject(this.connection.bucket, key, body, size, { 'Content-Type': contentType });
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const stat = await this.client.statObject(this.connection.bucket, key);
      return { key, size: stat.size, contentType: stat.metaData?.['content-type'] as string | undefined };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  get(key: string, range?: { offset: number; length: number }): Promise<Readable> {
    return range
      ? this.client.getPartialObject(this.connection.bucket, key, range.offset, range.length)
      : this.client.getObject(this.connection.bucket, key);
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.connection.bucket, key);
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'NotFound' || code === 'NoSuchKey';
}

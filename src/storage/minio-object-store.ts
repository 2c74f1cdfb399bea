import { Client } from 'minio';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { CommonError } from '../common/common.errors.js';
import { isStoreOutage, outage, OUTAGE_RETRY_AFTER_SECONDS } from '../common/outages.js';
import { ObjectStore, type StoredObject } from './object-store.js';

export interface S3Connection {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /** Multipart part size in bytes; the client buffers one part per upload. */
  partSize?: number;
  /** How long one call may take before it is given up as an outage (S3_TIMEOUT_MS). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A readiness probe waits at most this long, whatever S3_TIMEOUT_MS says: a load balancer asks often. */
const PING_TIMEOUT_MS = 3_000;
/**
 * A call that has waited this long while the store has said nothing else meanwhile makes the store be asked
 * (STALL_PROBE_TIMEOUT_MS at most) whether it still answers. A store that refuses connections is found out by the
 * first probe; one that is merely silent only by QUIET_PROBES_FOR_OUTAGE probes in a row, because a store busy
 * taking in large parts on a loaded machine can be slow to answer one probe (seen in CI: one 700 ms probe was not
 * enough). Every call waiting on a store found out is answered 503 then (about 2 s), not when its own S3_TIMEOUT_MS
 * runs out.
 */
const STALL_PROBE_AFTER_MS = 200;
const STALL_PROBE_TIMEOUT_MS = 1_000;
const QUIET_PROBES_FOR_OUTAGE = 2;
const STALL_CHECK_EVERY_MS = 50;

// The minio client's default part size.
const DEFAULT_PART_SIZE = 64 * 1024 * 1024;
/** Parts of one upload held in memory and sent to the store at once (putFile). */
const PARTS_IN_FLIGHT = 2;

export class MinioObjectStore extends ObjectStore {
  private readonly client: Client;

  private readonly timeoutMs: number;
  /** Until when calls fail fast (ms since the epoch): the store timed out or refused a moment ago. */
  private unavailableUntil = 0;
  /** Calls waiting for the store, each with the means to give it up. */
  private readonly waiting = new Set<{ since: number; giveUp: (error: Error) => void }>();
  /** When the store last answered anything (ms since the epoch). */
  private answeredAt = 0;
  private stallCheck?: NodeJS.Timeout;
  private probing = false;
  /** Probes in a row that got no answer within STALL_PROBE_TIMEOUT_MS. */
  private quietProbes = 0;

  constructor(private readonly connection: S3Connection) {
    super();
    this.timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
      // Our own pool, not Node's global agent, so that idle sockets are dropped before a server's keep-alive
      // timeout (commonly 5 s) closes them under us.
      transportAgent: useSSL ? new HttpsAgent({ keepAlive: true, timeout: 4000, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, timeout: 4000, maxSockets: 64 }),
      ...(connection.partSize ? { partSize: connection.partSize } : {}),
    });
  }

  async ensureBucket(): Promise<void> {
    if (!(await storeCall(() => retryOnce(() => this.client.bucketExists(this.connection.bucket)), this.timeoutMs))) {
      await storeCall(() => this.client.makeBucket(this.connection.bucket, this.connection.region), this.timeoutMs);
    }
  }

  async ping(): Promise<void> {
    const timeoutMs = Math.min(this.timeoutMs, PING_TIMEOUT_MS);
    const exists = await storeCall(() => retryOnce(() => this.client.bucketExists(this.connection.bucket)), timeoutMs).catch((error: unknown) => {
      // A probe that finds the store unavailable makes the requests after it fail fast too.
      if (error instanceof CommonError && error.code === 'SERVICE_UNAVAILABLE') this.markUnavailable();
      throw error;
    });
    // A store that was down when the hub started may come back without the bucket: make it then.
    if (!exists) await storeCall(() => this.client.makeBucket(this.connection.bucket, this.connection.region), timeoutMs);
    // The store answers again: requests stop failing fast.
    this.unavailableUntil = 0;
  }

  /**
   * A store call, failing fast while the store is known to be unavailable: after one call timed out or could not
   * connect, the next ones for OUTAGE_RETRY_AFTER_SECONDS answer 503 at once instead of each waiting its timeout
   * (a readiness probe, which calls ping, still asks the store and lifts this as soon as it answers).
   */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    if (Date.now() < this.unavailableUntil) throw outage('objectStore');
    let giveUp!: (error: Error) => void;
    const givenUp = new Promise<never>((_, reject) => {
      giveUp = reject;
    });
    givenUp.catch(() => undefined);
    const waiting = { since: Date.now(), giveUp };
    this.waiting.add(waiting);
    this.watchForStalls();
    try {
      const answer = await storeCall(() => Promise.race([operation(), givenUp]), this.timeoutMs);
      this.answeredAt = Date.now();
      return answer;
    } catch (error) {
      if (error instanceof CommonError && error.code === 'SERVICE_UNAVAILABLE') this.markUnavailable();
      else this.answeredAt = Date.now();
      throw error;
    } finally {
      this.waiting.delete(waiting);
    }
  }

  private markUnavailable(): void {
    this.unavailableUntil = Date.now() + OUTAGE_RETRY_AFTER_SECONDS * 1000;
  }

  /** While calls wait, checks every STALL_CHECK_EVERY_MS whether one waits too long on a store that has gone quiet. */
  private watchForStalls(): void {
    this.stallCheck ??= setInterval(() => this.checkStalls(), STALL_CHECK_EVERY_MS).unref();
  }

  private checkStalls(): void {
    if (this.waiting.size === 0) {
      clearInterval(this.stallCheck);
      this.stallCheck = undefined;
      return;
    }
    const now = Date.now();
    const oldest = Math.min(...[...this.waiting].map((call) => call.since));
    if (this.probing || now - oldest < STALL_PROBE_AFTER_MS || now - this.answeredAt < STALL_PROBE_AFTER_MS) return;
    // A long upload to a store that answers is not an outage: ask the store something quick.
    this.probing = true;
    void this.probe()
      .then((answer) => {
        if (answer === 'answered') {
          this.quietProbes = 0;
          this.answeredAt = Date.now();
          return;
        }
        if (answer === 'silent' && ++this.quietProbes < QUIET_PROBES_FOR_OUTAGE) return;
        this.quietProbes = 0;
        this.markUnavailable();
        for (const call of this.waiting) call.giveUp(outage('objectStore'));
      })
      .finally(() => {
        this.probing = false;
      });
  }

  /** Asks the store something quick: any answer, even a refusal, says the store is there. */
  private async probe(): Promise<'answered' | 'silent' | 'unreachable'> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<'silent'>((resolve) => {
      timer = setTimeout(() => resolve('silent'), STALL_PROBE_TIMEOUT_MS);
    });
    const asked = retryOnce(() => this.client.bucketExists(this.connection.bucket)).then(
      () => 'answered' as const,
      (error: unknown) => (isStoreOutage(error) ? 'unreachable' as const : 'answered' as const),
    );
    try {
      return await Promise.race([asked, silence]);
    } finally {
      clearTimeout(timer);
    }
  }

  async put(key: string, body: Readable | Buffer, size: number, contentType: string): Promise<void> {
    await this.call(() => this.client.putObject(this.connection.bucket, key, body, size, { 'Content-Type': contentType }));
  }

  /**
   * The minio client's own multipart upload reads ahead into a queue of up to 16
   * parts, so a fast disk and a slower store can hold over 100 MB per upload.
   * Here at most PARTS_IN_FLIGHT parts are held and sent at once: the next part is
   * read and hashed while the store takes the last, and memory stays flat.
   */
  async putFile(key: string, file: string, size: number, contentType: string): Promise<void> {
    return this.putFileParts(key, file, size, contentType);
  }

  private async putFileParts(key: string, file: string, size: number, contentType: string): Promise<void> {
    const partSize = this.connection.partSize ?? DEFAULT_PART_SIZE;
    if (size <= partSize) return this.put(key, createReadStream(file), size, contentType);
    const uploadId = await this.call(() => this.client.initiateNewMultipartUpload(this.connection.bucket, key, { 'Content-Type': contentType }));
    const handle = await open(file, 'r');
    // One buffer per slot; a slot is reused once the part it held has been stored.
    const slots: Array<{ buffer: Buffer; upload: Promise<void> }> = Array.from({ length: PARTS_IN_FLIGHT }, () => ({ buffer: Buffer.allocUnsafe(partSize), upload: Promise.resolve() }));
    const etags: Array<{ part: number; etag: string }> = [];
    try {
      for (let offset = 0, partNumber = 1; offset < size; offset += partSize, partNumber++) {
        const slot = slots[(partNumber - 1) % PARTS_IN_FLIGHT]!;
        await slot.upload;
        const { bytesRead } = await handle.read(slot.buffer, 0, Math.min(partSize, size - offset), offset);
        const payload = slot.buffer.subarray(0, bytesRead);
        const part = partNumber;
        slot.upload = this.call(() => this.client
          .uploadPart(
            {
              bucketName: this.connection.bucket,
              objectName: key,
              uploadID: uploadId,
              partNumber: part,
              headers: { 'Content-Length': String(bytesRead), 'Content-MD5': createHash('md5').update(payload).digest('base64') },
            },
            payload,
          ))
          .then((uploaded) => void etags.push({ part, etag: uploaded.etag }));
        // Its failure surfaces when the slot comes round again or at the end; until then it is not unhandled.
        slot.upload.catch(() => undefined);
      }
      await Promise.all(slots.map((slot) => slot.upload));
      await this.call(() => this.client.completeMultipartUpload(this.connection.bucket, key, uploadId, etags.sort((a, b) => a.part - b.part)));
    } catch (error) {
      await Promise.allSettled(slots.map((slot) => slot.upload));
      await this.client.abortMultipartUpload(this.connection.bucket, key, uploadId).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const stat = await this.call(() => retryOnce(() => this.client.statObject(this.connection.bucket, key)));
      return { key, size: stat.size, contentType: stat.metaData?.['content-type'] as string | undefined };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  get(key: string, range?: { offset: number; length: number }): Promise<Readable> {
    return this.call(() => (range
      ? this.client.getPartialObject(this.connection.bucket, key, range.offset, range.length)
      : this.client.getObject(this.connection.bucket, key)));
  }

  async remove(key: string): Promise<void> {
    await this.call(() => this.client.removeObject(this.connection.bucket, key));
  }
}

/**
 * A read that met a connection the server had just closed (a keep-alive race)
 * is tried once more; writes are not retried here.
 */
async function retryOnce<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ECONNRESET' && code !== 'EPIPE') throw error;
    return operation();
  }
}

/**
 * A call to the store: an outage (unreachable, failing, or no answer within `timeoutMs`) becomes 503 naming the
 * object store, not a 500 or a request left hanging. The minio client cannot abort a call; one that answers after
 * its time is ignored.
 */
async function storeCall<T>(operation: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from the object store within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  const call = operation();
  call.catch(() => undefined);
  try {
    return await Promise.race([call, timeout]);
  } catch (error) {
    if (isStoreOutage(error)) throw outage('objectStore');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'NotFound' || code === 'NoSuchKey';
}

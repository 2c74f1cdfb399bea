import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Connection } from './minio-object-store.js';

export interface EmbeddedS3Options {
  /** Folder that holds the objects (`<dir>/s3`). */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  bucket: string;
}

export interface RunningS3 {
  readonly connection: S3Connection;
  readonly port: number;
  stop(): Promise<void>;
}

// s3rver accepts any credentials; these only satisfy the client's signer.
const EMBEDDED_ACCESS_KEY = 'S3RVER';
const EMBEDDED_SECRET_KEY = 'S3RVER';

/**
 * An S3-protocol server on loopback, backed by the file system (s3rver). It lacks
 * ListMultipartUploads, which the minio client asks before every multipart upload:
 * we answer that one request with an empty list so large uploads work too.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<RunningS3> {
  const directory = path.join(path.resolve(options.dataDir), 's3');
  await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({ directory, silent: true, vhostBuckets: false, configureBuckets: [{ name: options.bucket, configs: [] }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    if (isListMultipartUploads(request)) return answerNoUploads(request, response);
    return handle(request, response);
  });
  // Longer than clients keep idle sockets, so the client always closes first (no reset on reuse).
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connection: {
      endpoint: `http://127.0.0.1:${port}`,
      accessKey: EMBEDDED_ACCESS_KEY,
      secretKey: EMBEDDED_SECRET_KEY,
      bucket: options.bucket,
      region: 'us-east-1',
    },
    stop: () => close(server),
  };
}

function isListMultipartUploads(request: IncomingMessage): boolean {
  if (request.method !== 'GET' || !request.url) return false;
  const url = new URL(request.url, 'http://s3.local');
  return url.searchParams.has('uploads') && url.pathname.split('/').filter(Boolean).length === 1;
}

function answerNoUploads(request: IncomingMessage, response: ServerResponse): void {
  const bucket = new URL(request.url ?? '/', 'http://s3.local').pathname.split('/').filter(Boolean)[0] ?? '';
  response.writeHead(200, { 'Content-Type': 'application/xml' });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${bucket}</Bucket>` +
      '<KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>' +
      '</ListMultipartUploadsResult>',
  );
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`Embedded S3 store could not listen on 127.0.0.1:${port}: ${error.code ?? error.message} (set EMBEDDED_S3_PORT)`)),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

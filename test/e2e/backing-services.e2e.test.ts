import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { startBackingServices } from '../../src/backing-services.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { MinioObjectStore } from '../../src/storage/minio-object-store.js';
import { freePort, makeTempDir, removeDir } from '../support/test-infrastructure.js';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What `npm start` does with nothing configured: embedded PostgreSQL and S3 under DATA_DIR, kept across restarts. */
describe('embedded backing services', () => {
  let dataDir: string;
  let settings: Settings;

  beforeAll(async () => {
    dataDir = await makeTempDir('ocx-test-embedded-');
    settings = loadSettings({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_S3_PORT: String(await freePort()), S3_BUCKET: 'ocx-embedded' });
  });

  afterAll(async () => {
    await removeDir(dataDir);
  });

  it('starts PostgreSQL and the S3 store under DATA_DIR and keeps their data when started again', async () => {
    const first = await startBackingServices(settings, () => undefined);
    try {
      expect(first.embedded).toEqual({ postgres: true, s3: true });
      // The schema owner makes tables; the hub's role only reads and writes rows.
      expect(new URL(first.migrationUrl!).username).toBe('ocx_owner');
      expect(new URL(first.databaseUrl).username).toBe('ocx_hub');
      const client = new pg.Client({ connectionString: first.migrationUrl });
      await client.connect();
      await client.query('CREATE TABLE kept (note text)');
      await client.query("INSERT INTO kept VALUES ('ยังอยู่')");
      await client.end();
      await new MinioObjectStore(first.s3).put('notes/kept.txt', Buffer.from('still here'), 10, 'text/plain');
    } finally {
      await first.stop();
    }
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    const second = await startBackingServices(settings, () => undefined);
    try {
      const client = new pg.Client({ connectionString: second.migrationUrl });
      await client.connect();
      expect((await client.query('SELECT note FROM kept')).rows).toEqual([{ note: 'ยังอยู่' }]);
      await client.end();
      const store = new MinioObjectStore(second.s3);
      expect(await store.stat('notes/kept.txt')).toMatchObject({ size: 10 });
      expect(await text(await store.get('notes/kept.txt'))).toBe('still here');
      expect(await text(await store.get('notes/kept.txt', { offset: 6, length: 4 }))).toBe('here');
    } finally {
      await second.stop();
    }
  });

  it('uploads a body larger than one part as a multipart upload', async () => {
    const services = await startBackingServices(settings, () => undefined);
    try {
      // 5 MiB parts: a 6 MiB body goes up in two parts, through ListMultipartUploads that s3rver lacks.
      const store = new MinioObjectStore({ ...services.s3, partSize: 5 * 1024 * 1024 });
      const size = 6 * 1024 * 1024;
      const spoolFile = path.join(dataDir, 'six-mib.bin');
      writeFileSync(spoolFile, Buffer.alloc(size, 0x61));
      const body = Readable.from((function* () {
        for (let sent = 0; sent < size; sent += 65536) yield Buffer.alloc(65536, 0x61);
      })());
      await store.put('large/six-mib.bin', body, size, 'application/octet-stream');
      expect(await store.stat('large/six-mib.bin')).toMatchObject({ size });
      await store.putFile('large/from-file.bin', spoolFile, size, 'application/octet-stream');
      expect(await store.stat('large/from-file.bin')).toMatchObject({ size });
      const [head, tail] = [await text(await store.get('large/from-file.bin', { offset: 0, length: 4 })), await text(await store.get('large/from-file.bin', { offset: size - 4, length: 4 }))];
      expect([head, tail]).toEqual(['aaaa', 'aaaa']);
      // Three parts of different bytes, two in flight at once: the object must come back in order.
      const mixed = randomBytes(11 * 1024 * 1024);
      const mixedFile = path.join(dataDir, 'eleven-mib.bin');
      writeFileSync(mixedFile, mixed);
      await store.putFile('large/eleven-mib.bin', mixedFile, mixed.length, 'application/octet-stream');
      const stored = Buffer.concat(await (await store.get('large/eleven-mib.bin')).toArray());
      expect(createHash('sha256').update(stored).digest('hex')).toBe(createHash('sha256').update(mixed).digest('hex'));
      await store.remove('large/six-mib.bin');
      expect(await store.stat('large/six-mib.bin')).toBeUndefined();
    } finally {
      await services.stop();
    }
  });

  it('names the setting to change when the PostgreSQL port is taken', async () => {
    const taken = loadSettings({ DATA_DIR: path.join(dataDir, 'other'), EMBEDDED_PG_PORT: settings.EMBEDDED_PG_PORT.toString(), EMBEDDED_S3_PORT: String(await freePort()) });
    const holder = await startBackingServices(settings, () => undefined);
    try {
      await expect(startBackingServices(taken, () => undefined)).rejects.toThrow(/EMBEDDED_PG_PORT/);
    } finally {
      await holder.stop();
    }
  });
});

describe('a start after a crash', () => {
  it('stops the PostgreSQL that a killed run left running on the same folder, and starts with its data', async () => {
    const dir = await makeTempDir('ocx-test-crash-');
    const port = await freePort();
    // A run of its own, killed with SIGKILL once its server is up: the server outlives it.
    const moduleUrl = new URL('../../dist/src/database/embedded-postgres.js', import.meta.url).href;
    const script = `import(${JSON.stringify(moduleUrl)}).then(async (m) => { const pg = await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: ${port}, database: 'ocx_test_crash' }); const c = new (await import('pg')).default.Client({ connectionString: pg.url }); await c.connect(); await c.query('CREATE TABLE survived (note text)'); await c.query("INSERT INTO survived VALUES ('ok')"); await c.end(); process.stdout.write('ready\\n'); setInterval(() => {}, 1000); });`;
    const crashed = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      crashed.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('ready') ? resolve() : undefined));
      crashed.on('exit', (code) => reject(new Error(`the first run exited with ${code}`)));
    });
    crashed.removeAllListeners('exit');
    crashed.kill('SIGKILL');
    await new Promise((resolve) => crashed.once('exit', resolve));
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);

    const again = await startEmbeddedPostgres({ dataDir: dir, port, database: 'ocx_test_crash' });
    try {
      expect(again.leftoverStopped).toEqual(expect.any(Number));
      const client = new pg.Client({ connectionString: again.url });
      await client.connect();
      expect((await client.query('SELECT note FROM survived')).rows).toEqual([{ note: 'ok' }]);
      await client.end();
    } finally {
      await again.stop();
      await removeDir(dir);
    }
  });
});

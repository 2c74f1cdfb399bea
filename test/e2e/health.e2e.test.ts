import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { SPOOL_ROOT, spoolDirOf } from '../../src/evidence/evidence-upload.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { startEmbeddedS3, type RunningS3 } from '../../src/storage/embedded-s3.js';
import { aComplaint } from '../support/complaint-builder.js';
import { evidenceFiles } from '../support/evidence-files.js';
import { TestHub } from '../support/hub-harness.js';
import { SwitchableProxy } from '../support/switchable-proxy.js';
import { freePort, makeTempDir, removeDir, TEST_ENV } from '../support/test-infrastructure.js';

describe('health', () => {
  let hub: TestHub;
  let store: RunningS3;
  let storeDir: string;

  beforeAll(async () => {
    // This test stops its object store, so it gets one of its own.
    storeDir = await makeTempDir('ocx-test-health-');
    store = await startEmbeddedS3({ dataDir: storeDir, port: 0, bucket: 'ocx-health' });
    hub = await TestHub.start({ s3: store.connection });
  });

  afterAll(async () => {
    await hub.stop();
    await store.stop();
    await removeDir(storeDir);
  });

  it('answers liveness without checking dependencies', async () => {
    const response = await hub.request('GET', '/health/live');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL and the object store answer', async () => {
    const response = await hub.request('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.details).toMatchObject({ database: { status: 'up' }, objectStore: { status: 'up' } });
  });

  it('answers 503 naming the object store while it is down, and 200 again once it is back', async () => {
    await store.stop();
    const down = await hub.request('GET', '/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body).toMatchObject({ type: '/problems/hub-not-ready', status: 503, down: ['objectStore'] });
    expect(down.body.detail).toContain('objectStore');
    expect(down.body.checks.database.status).toBe('up');

    store = await startEmbeddedS3({ dataDir: storeDir, port: store.port, bucket: 'ocx-health' });
    const up = await hub.request('GET', '/health/ready');
    expect(up.status).toBe(200);
  });
});

describe('outages', () => {
  it('answers 503 naming the object store, with Retry-After, while it is down; a hub starts without it and is ready once it is back', async () => {
    const storeDir = await makeTempDir('ocx-test-outage-s3-');
    let store = await startEmbeddedS3({ dataDir: storeDir, port: 0, bucket: 'ocx-outage' });
    const port = store.port;
    const connection = store.connection;
    await store.stop();
    // Started while its store is down: it runs, and says it is not ready.
    const hub = await TestHub.start({ s3: connection });
    try {
      expect((await hub.request('GET', '/health/ready')).status).toBe(503);
      const staff = await hub.token('staff');
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const upload = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=slip.jpg`, {
        method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: evidenceFiles.jpeg(),
      });
      expect(upload.status).toBe(503);
      expect(upload.headers.get('retry-after')).toBe('5');
      expect(await upload.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', unavailable: 'objectStore' });
      expect((await hub.request('GET', `/v1/complaints/${complaint.id}/evidence`, { token: staff })).body.evidence).toEqual([]);

      store = await startEmbeddedS3({ dataDir: storeDir, port, bucket: 'ocx-outage' });
      expect((await hub.request('GET', '/health/ready')).status).toBe(200);
      const again = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=slip.jpg`, {
        method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: evidenceFiles.jpeg(),
      });
      expect(again.status).toBe(201);
    } finally {
      await hub.stop();
      await store.stop();
      await removeDir(storeDir);
    }
  });

  it('answers 503 naming the database, with Retry-After, while PostgreSQL is down, and serves again once it is back', async () => {
    const dataDir = await makeTempDir('ocx-test-outage-pg-');
    const port = await freePort();
    // Kept on disk (not ephemeral): a restarted server has its data, as in production.
    let postgres = await startEmbeddedPostgres({ dataDir, port, database: 'ocx_test_outage' });
    // The hub's DATA_DIR is the server's, as on `npm start`: one place for the roles' passwords.
    const hub = await TestHub.start({ databaseUrl: postgres.url, env: { DATA_DIR: dataDir } });
    try {
      const staff = await hub.token('staff');
      expect((await hub.request('GET', '/v1/complaints', { token: staff })).status).toBe(200);
      await postgres.stop();
      const down = await hub.request('GET', '/v1/complaints', { token: staff });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', unavailable: 'database' });
      const write = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() });
      expect({ status: write.status, unavailable: write.body.unavailable }).toEqual({ status: 503, unavailable: 'database' });

      postgres = await startEmbeddedPostgres({ dataDir, port, database: 'ocx_test_outage' });
      const deadline = Date.now() + 10_000;
      let status = 0;
      let last: unknown;
      while (Date.now() < deadline) {
        const response = await hub.request('GET', '/v1/complaints', { token: staff });
        status = response.status;
        last = response.body;
        if (status === 200) break;
      }
      expect({ status, last: status === 200 ? undefined : last }).toEqual({ status: 200, last: undefined });
    } finally {
      await hub.stop();
      await postgres.stop();
      await removeDir(dataDir);
    }
  });
});

describe('a store that accepts connections and never answers', () => {
  it('answers readiness and uploads with 503 within the timeout, and leaves no spooled evidence behind', async () => {
    // A black hole on loopback: it takes every connection and says nothing.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as AddressInfo).port;
    // A spool left by a process that died: swept when this hub starts.
    const orphan = path.join(SPOOL_ROOT, '999999', 'upload-orphan');
    mkdirSync(orphan, { recursive: true });
    writeFileSync(path.join(orphan, 'body'), 'evidence in clear');
    const hub = await TestHub.start({ s3: { endpoint: `http://127.0.0.1:${port}`, accessKey: 'x', secretKey: 'y', bucket: 'black-hole', region: 'us-east-1', timeoutMs: 1000 } });
    try {
      expect(existsSync(path.join(SPOOL_ROOT, '999999'))).toBe(false);
      let started = Date.now();
      const ready = await hub.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      const staff = await hub.token('staff');
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      started = Date.now();
      const upload = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=slip.jpg`, {
        method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: evidenceFiles.jpeg(),
      });
      expect(upload.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await upload.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', unavailable: 'objectStore' });
      // Known to be unavailable now: the next request is answered at once, not after another timeout.
      started = Date.now();
      const download = await hub.request('GET', `/v1/complaints/${complaint.id}/evidence/00000000-0000-4000-8000-000000000000/content`, { token: staff });
      expect([404, 503]).toContain(download.status);
      const second = await fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=slip.jpg`, {
        method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: evidenceFiles.jpeg(),
      });
      expect(second.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(1_000);
      // The upload's spool file went with its failure.
      expect(readdirSync(spoolDirOf()).filter((entry) => entry.startsWith('upload-'))).toEqual([]);
    } finally {
      await hub.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});

describe('a store that stops answering in the middle of work', () => {
  it('answers the requests already waiting on it 503 in about two seconds, long before S3_TIMEOUT_MS (30 s)', async () => {
    const proxy = await SwitchableProxy.start(process.env[TEST_ENV.s3Endpoint]!);
    const hub = await TestHub.start({ s3: { endpoint: proxy.url, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket: process.env[TEST_ENV.s3Bucket]!, region: 'us-east-1' } });
    try {
      const staff = await hub.token('staff');
      const complaint = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body;
      const upload = (): Promise<Response> => fetch(`${hub.baseUrl}/v1/complaints/${complaint.id}/evidence?kind=photo&filename=slip.jpg`, {
        method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: evidenceFiles.jpeg(),
      });
      const stored = await upload();
      expect(stored.status).toBe(201);
      const evidenceId = ((await stored.json()) as { id: string }).id;

      proxy.swallowEverything();
      const started = Date.now();
      const answers = await Promise.all([
        upload().then(async (response) => ({ status: response.status, body: await response.json(), after: Date.now() - started })),
        upload().then(async (response) => ({ status: response.status, body: await response.json(), after: Date.now() - started })),
        hub.request('GET', `/v1/complaints/${complaint.id}/evidence/${evidenceId}/content`, { token: staff }).then((response) => ({ status: response.status, body: response.body, after: Date.now() - started })),
      ]);
      if (process.env.PRINT_TIMES) process.stdout.write(`store answers after ${answers.map((answer) => answer.after).join(", ")} ms\n`);
      for (const answer of answers) {
        expect(answer).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', unavailable: 'objectStore' } });
        // About two seconds (a stall noticed after 200 ms, then two silent probes of 1 s); bounded loosely for a
        // loaded machine.
        expect(answer.after).toBeLessThan(6_000);
      }
      expect((await hub.request('GET', '/health/ready')).status).toBe(503);
      expect(readdirSync(spoolDirOf()).filter((entry) => entry.startsWith('upload-'))).toEqual([]);
    } finally {
      await hub.stop();
      await proxy.stop();
    }
  });
});

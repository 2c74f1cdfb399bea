import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedS3, type RunningS3 } from '../../src/storage/embedded-s3.js';
import { TestHub } from '../support/hub-harness.js';
import { makeTempDir, removeDir } from '../support/test-infrastructure.js';

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

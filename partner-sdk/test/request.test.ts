import { describe, expect, it } from '@jest/globals';
import { backOff, createTransport, retryAfterMs, type RetryPolicy } from '../src/request.js';

const policy: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('partner SDK: Retry-After and back-off', () => {
  it.each([
    ['5', 5_000],
    [' 0 ', 0],
    ['Sun, 30 Nov 2026 23:00:10 GMT', 10_000],
    ['Sun, 30 Nov 2026 22:59:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
  ])('reads Retry-After %j as %j ms', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('2026-11-30T23:00:00Z'))).toBe(expected);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backOff(attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backOff(5, policy, () => 0)).toBe(0);
  });
});

/** A scripted server: each call answers the next status (or throws for 'network'). */
function scripted(answers: Array<number | 'network'>, headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push(request);
    const answer = answers.shift() ?? 200;
    if (answer === 'network') throw new TypeError('fetch failed');
    return new Response(answer === 204 ? null : '{}', { status: answer, headers });
  };
  return { fetch, seen };
}

describe('partner SDK: the transport', () => {
  const sleeps: number[] = [];
  const sleep = async (milliseconds: number) => void sleeps.push(milliseconds);

  it('retries 429 and 503 as long as Retry-After says, with one idempotency key for every attempt of a POST', async () => {
    sleeps.length = 0;
    const server = scripted([429, 503, 201], { 'retry-after': '1' });
    const send = createTransport({ fetch: server.fetch, retry: policy, sleep });
    const response = await send(new Request('http://hub.test/v1/partner/cases', { method: 'POST', body: 'a.b.c' }));
    expect(response.status).toBe(201);
    expect(sleeps).toEqual([1_000, 1_000]);
    const keys = server.seen.map((request) => request.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await Promise.all(server.seen.map((request) => request.text()))).toEqual(['a.b.c', 'a.b.c', 'a.b.c']);
  });

  it('gives the answer back when Retry-After is longer than it will wait, or the retries are spent', async () => {
    sleeps.length = 0;
    const patient = createTransport({ fetch: scripted([503], { 'retry-after': '3600' }).fetch, retry: policy, sleep });
    expect((await patient(new Request('http://hub.test/'))).status).toBe(503);
    const spent = createTransport({ fetch: scripted([503, 503, 503, 503, 503]).fetch, retry: policy, sleep, random: () => 1 });
    expect((await spent(new Request('http://hub.test/'))).status).toBe(503);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('retries network errors, then throws OcxNetworkError', async () => {
    const recovered = createTransport({ fetch: scripted(['network', 200]).fetch, retry: policy, sleep });
    expect((await recovered(new Request('http://hub.test/'))).status).toBe(200);
    const down = createTransport({ fetch: scripted(['network', 'network', 'network', 'network']).fetch, retry: policy, sleep });
    await expect(down(new Request('http://hub.test/'))).rejects.toMatchObject({ name: 'OcxNetworkError' });
  });

  it('asks for a fresh token once after a 401, and does not retry a 400', async () => {
    const refreshes: boolean[] = [];
    const server = scripted([401, 200]);
    let token = 'stale';
    const authorization = async (refresh: boolean) => {
      refreshes.push(refresh);
      if (refresh) token = 'fresh';
      return token;
    };
    const send = createTransport({ fetch: server.fetch, retry: policy, sleep, authorization });
    expect((await send(new Request('http://hub.test/'))).status).toBe(200);
    expect(server.seen.map((request) => request.headers.get('authorization'))).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(refreshes).toEqual([false, true, false]);
    const refused = scripted([400, 200]);
    expect((await createTransport({ fetch: refused.fetch, retry: policy, sleep })(new Request('http://hub.test/'))).status).toBe(400);
    expect(refused.seen).toHaveLength(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import { endpointRefusal, guardedLookup, isPrivateAddress } from '../../../src/delivery/endpoint-policy.js';
import { leaseSeconds, nextAttemptDelay, parseRetrySchedule, retryAfterMs } from '../../../src/delivery/retry-schedule.js';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '224.0.0.1', 'not-an-ip',
    // Spellings that carry an internal IPv4 address inside IPv6 (issue 15): compatible, SIIT, 6to4, Teredo, NAT64.
    '::127.0.0.1', '::7f00:1', '::a00:1', '::ffff:0:127.0.0.1', '2002:7f00:1::', '2002:a00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '64:ff9b::7f00:1',
    '255.255.255.255', '192.0.2.1', '198.18.0.1', '100::1', 'fe80::1%eth0'])(
    'blocks %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(true);
    },
  );

  it.each(['8.8.8.8', '203.150.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('endpointRefusal', () => {
  const strict = { allowHttp: false, allowPrivateAddresses: false };
  const publicResolver = async (): Promise<string[]> => ['203.150.1.1'];

  it('accepts an https endpoint that resolves to public addresses', async () => {
    expect(await endpointRefusal('https://cases.ocpb.go.th/ocx', strict, publicResolver)).toBeUndefined();
  });

  it.each([
    ['plain http', 'http://cases.ocpb.go.th/ocx', publicResolver, 'https'],
    ['a literal loopback address', 'https://127.0.0.1:8443/ocx', publicResolver, '127.0.0.1'],
    ['a name that resolves to a private address', 'https://intranet.example/ocx', async () => ['203.150.1.1', '10.0.0.5'], '10.0.0.5'],
    ['the cloud metadata address', 'https://169.254.169.254/latest', publicResolver, '169.254.169.254'],
    ['a bracketed IPv6 loopback', 'https://[::1]/ocx', publicResolver, '::1'],
    ['loopback inside IPv4-compatible IPv6', 'https://[::127.0.0.1]/ocx', publicResolver, 'private or loopback'],
    ['loopback inside SIIT IPv6', 'https://[::ffff:0:127.0.0.1]/ocx', publicResolver, 'private or loopback'],
    ['a name that resolves to a 6to4 address', 'https://six.example/ocx', async () => ['2002:7f00:1::'], '2002:7f00:1::'],
    ['credentials in the URL', 'https://user:pass@cases.ocpb.go.th/', publicResolver, 'credentials'],
    ['a name that does not resolve', 'https://nowhere.invalid/', async () => Promise.reject(new Error('ENOTFOUND')), 'does not resolve'],
    ['not a URL', 'cases.ocpb.go.th', publicResolver, 'not a URL'],
  ])('refuses %s', async (_, endpoint, resolver, reason) => {
    expect(await endpointRefusal(endpoint, strict, resolver)).toContain(reason);
  });

  it('allows http and private addresses only when the settings say so', async () => {
    expect(await endpointRefusal('http://127.0.0.1:9000/ocx', { allowHttp: true, allowPrivateAddresses: true })).toBeUndefined();
    expect(await endpointRefusal('http://127.0.0.1:9000/ocx', { allowHttp: true, allowPrivateAddresses: false })).toContain('127.0.0.1');
  });
});

describe('retry schedule', () => {
  it('reads the Standard Webhooks schedule', () => {
    expect(parseRetrySchedule('0s,5s,5m,30m,2h,5h,10h,10h')).toEqual([0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseRetrySchedule('150ms, 1.5s')).toEqual([150, 1500]);
  });

  it.each(['', '5', '5 minutes', '1d', 's'])('refuses %j', (text) => {
    expect(parseRetrySchedule(text)).toBeUndefined();
  });

  it('jitters each delay by at most 20% and stops after the last', () => {
    const schedule = [1000, 60_000];
    expect(nextAttemptDelay(schedule, 0, () => 0)).toBe(800);
    expect(nextAttemptDelay(schedule, 0, () => 1)).toBe(1200);
    expect(nextAttemptDelay(schedule, 1, () => 0.5)).toBe(60_000);
    expect(nextAttemptDelay(schedule, 2)).toBeUndefined();
  });
});

describe('guardedLookup (at connect time, against DNS rebinding)', () => {
  it.each([[{}], [{ all: true }]])('refuses a name that resolves to loopback (%j)', async (options) => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', options, (failure) => resolve(failure)));
    expect(error?.code).toBe('EPRIVATEADDRESS');
    expect(error?.message).toContain('private or loopback');
  });
});

describe('retryAfterMs and leaseSeconds', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  it.each([
    ['30', 30_000],
    ['0', 0],
    ['Mon, 30 Nov 2026 12:01:00 GMT', 60_000],
    ['Mon, 30 Nov 2026 11:00:00 GMT', 0],
    ['999999999', 24 * 3_600_000],
  ])('reads Retry-After %j as %d ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  it.each([undefined, null, '', 'soon', '-5'])('ignores %j', (header) => {
    expect(retryAfterMs(header, now)).toBeUndefined();
  });

  it('holds a claim longer than a push may take', () => {
    for (const timeoutMs of [100, 10_000, 120_000]) expect(leaseSeconds(timeoutMs) * 1000).toBeGreaterThan(2 * timeoutMs);
  });
});

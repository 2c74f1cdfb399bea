import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isDatabaseOutage, isStoreOutage, outage } from '../../../src/common/outages.js';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('outages', () => {
  it.each([
    withCode('ECONNREFUSED'),
    withCode('57P01', 'terminating connection due to administrator command'),
    new QueryFailedError('SELECT 1', [], withCode('57P03')),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    withCode('28P01', 'password authentication failed'),
  ])('counts %s as the database being unavailable', (error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it.each([withCode('23505'), withCode('42P01'), new Error('boom'), new QueryFailedError('SELECT 1', [], withCode('40P01'))])('does not count %s', (error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });

  it('counts network failures and the store saying it is busy, not a missing object', () => {
    expect(isStoreOutage(withCode('ECONNREFUSED'))).toBe(true);
    expect(isStoreOutage(withCode('SlowDown'))).toBe(true);
    expect(isStoreOutage(withCode('UND_ERR_SOCKET'))).toBe(true);
    expect(isStoreOutage(withCode('NoSuchKey'))).toBe(false);
    expect(isStoreOutage(withCode('AccessDenied'))).toBe(false);
  });

  it('names the dependency and when to try again', () => {
    expect(outage('objectStore')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', extensions: { unavailable: 'objectStore', retryAfterSeconds: 5 } });
  });
});

import { describe, expect, it } from '@jest/globals';
import { idempotentRequest, replayOf } from '../../../src/idempotency/idempotency.js';

describe('Idempotency-Key', () => {
  const request = { partners: ['ocpb', 'tcsd'] };

  it('refuses a key that is too short or has other characters', () => {
    expect(() => idempotentRequest('somchai', 'short', 'dispatch:x', request)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_INVALID' }));
    expect(() => idempotentRequest('somchai', 'key with spaces', 'dispatch:x', request)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_INVALID' }));
  });

  it('fingerprints the request: the same body gives the same fingerprint, another body another', () => {
    const first = idempotentRequest('somchai', '7d0c9f2e-key', 'dispatch:x', request);
    expect(idempotentRequest('somchai', '7d0c9f2e-key', 'dispatch:x', { partners: ['ocpb', 'tcsd'] }).requestSha256).toBe(first.requestSha256);
    expect(idempotentRequest('somchai', '7d0c9f2e-key', 'dispatch:x', { partners: ['ocpb'] }).requestSha256).not.toBe(first.requestSha256);
  });

  it('replays the first answer to the same request, nothing when the key is new, and refuses the key with another request', () => {
    const sent = idempotentRequest('somchai', '7d0c9f2e-key', 'dispatch:x', request);
    const earlier = { route: 'dispatch:x', requestSha256: sent.requestSha256, responseStatus: 201, responseBody: { referrals: [] }, createdAt: '2026-11-23T01:00:00.000Z' };
    expect(replayOf(sent, null)).toBeNull();
    expect(replayOf(sent, earlier)).toEqual({ status: 201, body: { referrals: [] } });
    expect(() => replayOf(sent, { ...earlier, route: 'dispatch:y' })).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }));
    expect(() => replayOf(idempotentRequest('somchai', '7d0c9f2e-key', 'dispatch:x', { partners: ['dsi'] }), earlier)).toThrow(/first used at 2026-11-23T01:00:00.000Z/);
  });
});

import { describe, expect, it } from '@jest/globals';
import { pooledRandomBytes } from '../../../src/common/random-pool.js';

describe('pooled random bytes', () => {
  it('hands out each byte once, across pool refills, and a buffer handed out never changes', () => {
    const first = pooledRandomBytes(12);
    const copy = Buffer.from(first);
    const drawn = Array.from({ length: 2000 }, () => pooledRandomBytes(12).toString('hex'));
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(first).toEqual(copy);
  });

  it('gives exactly the size asked, larger than the pool too', () => {
    expect(pooledRandomBytes(1)).toHaveLength(1);
    expect(pooledRandomBytes(5000)).toHaveLength(5000);
  });
});

import { describe, expect, it } from '@jest/globals';
import { embeddedSharedBuffersMb } from '../../../src/database/embedded-postgres.js';

describe('embeddedSharedBuffersMb', () => {
  const gib = 1024 ** 3;
  it.each([
    [0.25 * gib, 128],
    [2 * gib, 512],
    [24 * gib, 1024],
    [256 * gib, 1024],
  ])('gives a machine of %d bytes %d MB of shared buffers', (memory, megabytes) => {
    expect(embeddedSharedBuffersMb(memory)).toBe(megabytes);
  });
});

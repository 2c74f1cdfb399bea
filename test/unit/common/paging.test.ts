import { describe, expect, it } from '@jest/globals';
import { encodeCursor, microsAndIdAfter, pageOf, sequenceAfter } from '../../../src/common/paging.js';

describe('cursors', () => {
  it('round-trips a sequence number, and a time and an id', () => {
    expect(sequenceAfter('a', encodeCursor('a', 42))).toBe('42');
    expect(sequenceAfter('f', encodeCursor('f', '999999999999999999'))).toBe('999999999999999999');
    const id = '0192f7a0-1c2b-7d3e-8f40-123456789abc';
    expect(microsAndIdAfter('d', encodeCursor('d', '1795384800123456', id))).toEqual({ micros: '1795384800123456', id });
  });

  it('keeps the format clients already hold (c1:<seq>, f1:<seq> in base64url)', () => {
    expect(encodeCursor('c', 7)).toBe(Buffer.from('c1:7').toString('base64url'));
  });

  it.each([
    ['another list', encodeCursor('c', 7), 'f'],
    ['a number PostgreSQL cannot take as bigint', Buffer.from('f1:9999999999999999999').toString('base64url'), 'f'],
    ['a negative number', Buffer.from('a1:-1').toString('base64url'), 'a'],
    ['a NUL byte', Buffer.from('a1:1\u0000').toString('base64url'), 'a'],
    ['nothing', '', 'a'],
    ['garbage', '%%%', 'n'],
  ] as const)('refuses %s with CURSOR_INVALID', (_, cursor, kind) => {
    expect(() => sequenceAfter(kind, cursor)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
  });

  it('refuses a time cursor without a valid id', () => {
    expect(() => microsAndIdAfter('d', encodeCursor('d', '123', 'x'))).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    expect(() => microsAndIdAfter('d', encodeCursor('d', '123'))).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
  });
});

describe('pageOf', () => {
  it('serves limit rows and a cursor only when a further row was read', () => {
    expect(pageOf([1, 2, 3], 2, (last) => `after ${last}`)).toEqual({ rows: [1, 2], nextCursor: 'after 2' });
    expect(pageOf([1, 2], 2, (last) => `after ${last}`)).toEqual({ rows: [1, 2], nextCursor: null });
    expect(pageOf([], 2, (last) => `after ${last}`)).toEqual({ rows: [], nextCursor: null });
  });
});

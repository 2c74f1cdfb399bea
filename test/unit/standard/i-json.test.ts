import { describe, expect, it } from '@jest/globals';
import { duplicateMember } from '../../../src/standard/i-json.js';

describe('duplicateMember (RFC 7493 §2.3)', () => {
  it.each([
    ['{"status":"rejected","id":"1","status":"acknowledged"}', '/status'],
    ['{"a":1,"\\u0061":2}', '/a'],
    ['{"outer":{"x":1,"x":2}}', '/outer/x'],
    ['{"list":[{"k":1},{"k":1,"k":2}]}', '/list/1/k'],
    ['{"a/b":1,"a/b":1}', '/a~1b'],
    ['[{"k":1,"k":1}]', '/0/k'],
  ])('finds the repeated member of %s', (json, pointer) => {
    expect(duplicateMember(json)).toBe(pointer);
  });

  it.each([
    '{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}',
    '{"text":"a \\"quoted\\" \\\\ \\"a\\":1 , { }"}',
    '{"names":["a","a","a"]}',
    '[]',
    '"just a string"',
    '{"ภาษาไทย":1,"ภาษา":2}',
  ])('accepts %s', (json) => {
    expect(duplicateMember(json)).toBeUndefined();
  });

  it('agrees with JSON.parse on what a document is: the same text parses', () => {
    for (const json of ['{"a":{"b":[1,{"c":"}"}]},"d":"{"}', '{"e":"\\u007b"}']) {
      expect(() => JSON.parse(json)).not.toThrow();
      expect(duplicateMember(json)).toBeUndefined();
    }
  });
});

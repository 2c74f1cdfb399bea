import { describe, expect, it } from '@jest/globals';
import { PROBLEM_CATALOG_ENTRIES } from '../../../src/problems/problem-catalog.js';

/** The naming rule of schemas/README.md §6: subject first, then what is wrong with it. */
const CONDITION_FIRST = /^(INVALID|MALFORMED|ILLEGAL|UNKNOWN|MISSING|BAD|WRONG|DUPLICATE|EXPIRED|UNSUPPORTED_(?!MEDIA_TYPE$))_/;

describe('the problem catalog', () => {
  const codes = Object.keys(PROBLEM_CATALOG_ENTRIES);

  it('names every code subject first, in upper snake case', () => {
    expect(codes.filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code))).toEqual([]);
    expect(codes.filter((code) => CONDITION_FIRST.test(code))).toEqual([]);
  });

  it('gives each code a 4xx or 5xx status and a title', () => {
    for (const [code, kind] of Object.entries(PROBLEM_CATALOG_ENTRIES)) {
      expect({ code, client: kind.status >= 400 && kind.status < 600, titled: kind.title.length > 0 }).toEqual({ code, client: true, titled: true });
    }
  });
});

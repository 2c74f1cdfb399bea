import { describe, expect, it } from '@jest/globals';
import { bearerToken, tokenPolicyRefusal } from '../../../src/auth/bearer-token-policy.js';

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: object, claims: object | string): string => `${part(header)}.${typeof claims === 'string' ? Buffer.from(claims).toString('base64url') : part(claims)}.c2ln`;
const NOW = 1_800_000_000;

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi', 'abc.def.ghi'],
  ])('takes %j', (header, token) => {
    expect(bearerToken(header)).toEqual({ token });
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer abc.def.ghi junk', 'Bearer a b', 'Bearer abc.def', 'Bearer abc.d!f.ghi', 'Bearer abc.def.ghi,Bearer x.y.z'])('refuses %j', (header) => {
    expect(bearerToken(header)).toEqual({ refusal: expect.stringContaining('Bearer') });
  });
});

describe('tokenPolicyRefusal', () => {
  const header = { alg: 'ES256', kid: 'k1' };
  it('accepts a token with exp and a past iat', () => {
    expect(tokenPolicyRefusal(jwt(header, { sub: 'a', exp: NOW + 60, iat: NOW - 5 }), NOW)).toBeUndefined();
  });

  it.each([
    ['no exp', jwt(header, { sub: 'a' }), 'exp'],
    ['an exp that is not a number', jwt(header, { sub: 'a', exp: '9999999999' }), 'exp'],
    ['a crit header', jwt({ ...header, crit: ['b64'], b64: false }, { exp: NOW + 60 }), 'crit'],
    ['an iat in the future', jwt(header, { exp: NOW + 600, iat: NOW + 300 }), 'future'],
    ['a repeated claim', jwt(header, `{"sub":"a","exp":${NOW + 60},"sub":"b"}`), '/sub'],
    ['a payload that is not JSON', `${part(header)}.${Buffer.from('nope').toString('base64url')}.x`, 'not a JWT'],
  ])('refuses %s', (_, token, reason) => {
    expect(tokenPolicyRefusal(token, NOW)).toContain(reason);
  });
});

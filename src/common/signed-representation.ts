import { CommonError } from './common.errors.js';

/**
 * Which representation of a signed document the client asked for: the JWS alone
 * (`application/jose`), or JSON with the document decoded beside it (`application/json`, any
 * type, or no Accept). Anything else is 406.
 */
export function signedRepresentation(accept: string | undefined): 'jose' | 'json' {
  if (!accept || accept.trim() === '') return 'json';
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  if (types.includes('application/jose')) return 'jose';
  if (types.some((type) => type === 'application/json' || type === 'application/*' || type === '*/*' || type === 'application/problem+json')) return 'json';
  throw new CommonError('NOT_ACCEPTABLE', `This document is served as application/jose (the signed JWS) or application/json; the Accept header (${accept.slice(0, 200)}) allows neither.`);
}

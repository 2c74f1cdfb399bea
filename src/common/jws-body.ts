import { CommonError } from './common.errors.js';

/** The body of a route that takes a signed document: the compact JWS as text (Content-Type: application/jose). */
export function jwsBody(body: unknown, what: string): string {
  if (typeof body !== 'string' || body.length === 0) throw new CommonError('REQUEST_MALFORMED', `Send ${what} as the body (Content-Type: application/jose).`);
  return body;
}

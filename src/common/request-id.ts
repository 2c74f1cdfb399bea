import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's request id when it is sane, else makes one; echoed in the response so logs and problems line up. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const existing = (request as IncomingMessage & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const offered = request.headers[REQUEST_ID_HEADER];
  const id = typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}

export function requestIdOf(request: IncomingMessage): string {
  const id = (request as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : 'unknown';
}

import { errorFamily, type ProblemTable } from './domain-error.js';

export const COMMON_PROBLEMS = {
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  JSON_MALFORMED: { status: 400, title: 'The request body is not well-formed JSON' },
  REQUEST_MALFORMED: { status: 400, title: 'The request is malformed' },
  CURSOR_INVALID: { status: 400, title: 'The cursor is not one this list issued' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request was not received in time' },
  URI_TOO_LONG: { status: 414, title: 'The request URI is too long' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body has an unsupported media type' },
  NOT_ACCEPTABLE: { status: 406, title: 'No acceptable representation' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A part of the hub is unavailable' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
} as const satisfies ProblemTable<string>;

export type CommonErrorCode = keyof typeof COMMON_PROBLEMS;

export class CommonError extends errorFamily(COMMON_PROBLEMS) {}

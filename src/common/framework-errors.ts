import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { COMMON_PROBLEMS, type CommonErrorCode } from './common.errors.js';
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type ProblemDocument } from './problem.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Refusals made before any route or filter runs, as problem documents too: Fastify's
 * router (a malformed percent-encoding, a path parameter over its length limit) and
 * Node's HTTP parser (headers too large, a request it cannot read, a timeout).
 */
function problem(code: CommonErrorCode, detail: string, instance: string, correlationId: string): ProblemDocument {
  const kind = COMMON_PROBLEMS[code];
  return { type: problemTypeUri(code), title: kind.title, status: kind.status, detail, code, instance, correlationId };
}

/** Fastify's `frameworkErrors` option. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const instance = request.url.split('?')[0]!;
  const refusal = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? problem('URI_TOO_LONG', 'A path segment is longer than any id the hub issues (100 characters).', instance, request.id)
    : error.code === 'FST_ERR_BAD_URL'
      ? problem('REQUEST_MALFORMED', 'The URL has a malformed percent-encoding (not UTF-8).', instance, request.id)
      : problem('REQUEST_MALFORMED', 'The request could not be routed.', instance, request.id);
  void reply.header(REQUEST_ID_HEADER, request.id).status(refusal.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(refusal));
}

const CLIENT_ERRORS: Readonly<Record<string, { code: CommonErrorCode; detail: string }>> = {
  HPE_HEADER_OVERFLOW: { code: 'HEADERS_TOO_LARGE', detail: 'The request headers exceed the limit of 16 KiB.' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', detail: 'The request was not received in time.' },
};

/** Fastify's `clientErrorHandler` option: Node's HTTP parser refused the request, so there is no request object. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''];
  const correlationId = randomUUID();
  const refusal = problem(known?.code ?? 'REQUEST_MALFORMED', known?.detail ?? 'The request is not well-formed HTTP/1.1.', '', correlationId);
  const body = JSON.stringify(refusal);
  const reason = refusal.status === 431 ? 'Request Header Fields Too Large' : refusal.status === 408 ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${REQUEST_ID_HEADER}: ${correlationId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

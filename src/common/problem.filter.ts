import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Settings } from '../config/settings.js';
import { bodyLimitFor } from './body-limits.js';
import { COMMON_PROBLEMS, type CommonErrorCode } from './common.errors.js';
import { isDatabaseOutage, isTransientConflict, outage } from './outages.js';
import { DomainError } from './domain-error.js';
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type ProblemDocument } from './problem.js';
import { requestIdOf } from './request-id.js';

/** Errors Fastify raises while it reads a body carry a `FST_ERR_CTP_…` code and a status. */
interface BodyParserError {
  code: string;
  statusCode?: number;
}

const STATUS_TO_COMMON_CODE: Readonly<Record<number, CommonErrorCode>> = {
  400: 'REQUEST_MALFORMED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one exception filter: every error leaves the hub as an RFC 9457 problem
 * with a stable `type` per code and the request's correlation id. The internal
 * message of an unexpected error is logged, never sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');
  /** JSON and JWS bodies are read whole up to JSON_BODY_LIMIT; evidence is streamed and limited by its route. */
  private readonly jsonBodyLimit: number;

  constructor(settings: Settings) {
    this.jsonBodyLimit = settings.JSON_BODY_LIMIT;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    if (response.sent || response.raw.headersSent) {
      // A stream failed after its headers went out: all we can do is cut it short.
      response.raw.destroy();
      return;
    }
    if ((problem.status === HttpStatus.TOO_MANY_REQUESTS || problem.status === HttpStatus.SERVICE_UNAVAILABLE) && !response.getHeader('Retry-After')) {
      response.header('Retry-After', String(typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : 1));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDocument {
    const base = { instance: request.url.split('?')[0]!, correlationId: requestIdOf(request.raw) };
    if (exception instanceof DomainError) {
      return {
        type: problemTypeUri(exception.code),
        title: exception.kind.title,
        status: exception.kind.status,
        detail: exception.message,
        code: exception.code,
        ...base,
        ...exception.extensions,
        ...(exception.fieldErrors ? { errors: exception.fieldErrors } : {}),
      };
    }
    // The body parser's errors may arrive wrapped in an HttpException whose cause is the original.
    const parserError = asBodyParserError(exception) ?? asBodyParserError((exception as { cause?: unknown } | null)?.cause);
    if (parserError) return this.fromBodyParser(parserError, bodyLimitFor(request.headers['content-type'], this.jsonBodyLimit), base);
    if (exception instanceof HttpException) return this.fromHttpException(exception, request, base);
    if (isDatabaseOutage(exception)) {
      this.logger.warn({ err: loggableError(exception), correlationId: base.correlationId }, 'Database unavailable');
      return this.toProblem(outage('database'), request);
    }
    if (isTransientConflict(exception)) {
      // Retried where it can happen and still lost: the client's request was fine; it may simply be sent again.
      this.logger.warn({ err: loggableError(exception), correlationId: base.correlationId }, 'Transaction lost a lock race after its retries');
      return { ...common('SERVICE_UNAVAILABLE', 'The hub was busy with a conflicting change and wrote nothing; send the request again.', base), retryAfterSeconds: 1 };
    }

    this.logger.error({ err: loggableError(exception), correlationId: base.correlationId }, 'Unexpected error');
    return common('INTERNAL_ERROR', `An unexpected error occurred; quote correlation id ${base.correlationId} when reporting it.`, base);
  }

  private fromBodyParser(error: BodyParserError, limit: number, base: Base): ProblemDocument {
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return common('JSON_MALFORMED', 'The request body could not be parsed as JSON.', base);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return common('JSON_MALFORMED', 'The request body is empty; a JSON document was expected.', base);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return common('PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${limit} bytes.`, base);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return common('UNSUPPORTED_MEDIA_TYPE', 'The request body has a media type this hub does not read.', base);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return common('REQUEST_MALFORMED', 'The request body is not as long as its Content-Length says.', base);
      default:
        return common('REQUEST_MALFORMED', 'The request body could not be read.', base);
    }
  }

  private fromHttpException(exception: HttpException, request: FastifyRequest, base: Base): ProblemDocument {
    const status = exception.getStatus();
    if (status === HttpStatus.NOT_FOUND && isRouteNotFound(exception)) {
      return common('ROUTE_NOT_FOUND', `There is no route ${request.method} ${base.instance}.`, base);
    }
    const code = STATUS_TO_COMMON_CODE[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_MALFORMED');
    if (status >= 500) {
      this.logger.error({ err: loggableError(exception), correlationId: base.correlationId }, 'HTTP exception with a server status');
      return common(code, `The hub could not complete the request; quote correlation id ${base.correlationId}.`, base);
    }
    return { ...common(code, messageOf(exception), base), status };
  }
}

/**
 * Only name, message, code and stack: a database error also carries the query's
 * parameters and the offending values (`detail`), which can be a complainant's data.
 */
export function loggableError(error: unknown): { type: string; message: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a non-Error value was thrown' };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
}

type Base = { instance: string; correlationId: string };

function common(code: CommonErrorCode, detail: string, base: Base): ProblemDocument {
  const kind = COMMON_PROBLEMS[code];
  return { type: problemTypeUri(code), title: kind.title, status: kind.status, detail, code, ...base };
}

function asBodyParserError(exception: unknown): BodyParserError | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const code = (exception as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('FST_ERR_CTP_') ? (exception as BodyParserError) : undefined;
}

function isRouteNotFound(exception: HttpException): boolean {
  const message = messageOf(exception);
  return /^Cannot [A-Z]+ /.test(message);
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

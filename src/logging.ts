import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { assignRequestId } from './common/request-id.js';
import type { Settings } from './config/settings.js';

/**
 * JSON logs with the request id on every line. Only the method, the path (never
 * the query string, which can carry search terms about people), the status and
 * the timing are logged; no bodies, no headers that carry credentials.
 */
export function loggerOptions(settings: Settings): Params {
  return {
    pinoHttp: {
      level: settings.LOG_LEVEL,
      genReqId: (request: IncomingMessage, response: ServerResponse) => assignRequestId(request, response),
      customProps: () => ({ service: 'ocx-hub' }),
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.password', '*.secret', '*.privateKey', '*.d'], remove: true },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health/live' },
    },
    // Every path. The module's default, `{/*splat}`, is one @fastify/middie never matches: no request would be logged.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}

import { describe, expect, it } from '@jest/globals';
import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { CommonError } from '../../../src/common/common.errors.js';
import { loggableError, ProblemFilter } from '../../../src/common/problem.filter.js';
import { loadSettings } from '../../../src/config/settings.js';

// The 500 case logs on purpose; keep the test output quiet.
Logger.overrideLogger(false);

interface Captured {
  status?: number;
  type?: string;
  body?: Record<string, unknown>;
  headers: Record<string, string>;
}

function run(exception: unknown, method = 'GET', url = '/v1/partners?q=secret', headers: Record<string, string> = {}): Captured {
  const captured: Captured = { headers: {} };
  const response = {
    sent: false,
    raw: { headersSent: false },
    status(code: number) {
      captured.status = code;
      return this;
    },
    type(value: string) {
      captured.type = value;
      return this;
    },
    send(body: string) {
      captured.body = JSON.parse(body) as Record<string, unknown>;
      return this;
    },
    getHeader: (name: string) => captured.headers[name],
    header: (name: string, value: string) => {
      captured.headers[name] = value;
    },
  };
  const request = { id: 'req-1', method, url, headers, raw: { id: 'req-123456789', method, url } };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemFilter(loadSettings({ JSON_BODY_LIMIT: '2048' })).catch(exception, host);
  return captured;
}

describe('ProblemFilter', () => {
  it('writes a domain error as an RFC 9457 problem with its stable type', () => {
    const out = run(new CommonError('CONFLICT', 'The referral moved on.', { allowed: ['acknowledged'] }));
    expect(out.status).toBe(409);
    expect(out.type).toBe('application/problem+json');
    expect(out.body).toEqual({
      type: '/problems/conflict',
      title: 'Conflict with the current state',
      status: 409,
      detail: 'The referral moved on.',
      code: 'CONFLICT',
      instance: '/v1/partners',
      correlationId: 'req-123456789',
      allowed: ['acknowledged'],
    });
  });

  it('answers an unexpected error with a 500 that hides its message and quotes the correlation id', () => {
    const out = run(new Error('password authentication failed for user "postgres" at 10.0.0.5'));
    expect(out.status).toBe(500);
    expect(out.body).toMatchObject({ type: '/problems/internal-error', code: 'INTERNAL_ERROR', correlationId: 'req-123456789' });
    expect(JSON.stringify(out.body)).not.toContain('password');
    expect(String(out.body?.detail)).toContain('req-123456789');
  });

  it('tells an unknown route from a missing resource', () => {
    expect(run(new NotFoundException('Cannot GET /v1/nothing'), 'GET', '/v1/nothing').body).toMatchObject({ code: 'ROUTE_NOT_FOUND', detail: 'There is no route GET /v1/nothing.' });
    expect(run(new NotFoundException('gone')).body).toMatchObject({ code: 'NOT_FOUND', detail: 'gone' });
  });

  it("recognises Fastify's body-parser errors, bare or wrapped by Nest", () => {
    const parserError = (code: string, statusCode: number): Error => Object.assign(new Error(code), { code, statusCode });
    expect(run(parserError('FST_ERR_CTP_INVALID_JSON_BODY', 400)).body).toMatchObject({ code: 'JSON_MALFORMED', status: 400 });
    expect(run(parserError('FST_ERR_CTP_EMPTY_JSON_BODY', 400)).body).toMatchObject({ code: 'JSON_MALFORMED', status: 400 });
    expect(run(parserError('FST_ERR_CTP_BODY_TOO_LARGE', 413)).body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, detail: 'The request body exceeds the limit of 2048 bytes.' });
    expect(run(parserError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'POST', '/v1/oauth/token', { 'content-type': 'application/x-www-form-urlencoded' }).body).toMatchObject({ detail: 'The request body exceeds the limit of 16384 bytes.' });
    expect(run(parserError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415)).body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(run(parserError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400)).body).toMatchObject({ code: 'REQUEST_MALFORMED', status: 400 });
    const wrapped = new BadRequestException('Unexpected token', { cause: parserError('FST_ERR_CTP_INVALID_JSON_BODY', 400) });
    expect(run(wrapped).body).toMatchObject({ code: 'JSON_MALFORMED', status: 400 });
  });

  it('adds Retry-After to a 429', () => {
    const out = run(new CommonError('RATE_LIMITED', 'Slow down.'));
    expect(out.status).toBe(429);
    expect(out.headers['Retry-After']).toBe('1');
  });
});

describe('loggableError', () => {
  it('keeps what diagnoses the fault and drops the values a database error carries', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "complaint_national_id_key"'), {
      code: '23505',
      detail: 'Key (national_id)=(1101700230708) already exists.',
      parameters: ['1101700230708', 'สมชาย ใจดี'],
    });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'Error', code: '23505', message: expect.stringContaining('duplicate key') });
    expect(JSON.stringify(logged)).not.toContain('1101700230708');
    expect(JSON.stringify(logged)).not.toContain('สมชาย');
  });
});

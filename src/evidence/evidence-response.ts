import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EvidenceContent } from './evidence.service.js';

/**
 * Writes the headers of an evidence download: type, length, the SHA-256 of the
 * whole file (RFC 9530 Repr-Digest, and hex for convenience), range answers.
 */
export function evidenceResponse(content: EvidenceContent, response: FastifyReply): StreamableFile {
  const { item, range } = content;
  response.header('Accept-Ranges', 'bytes');
  response.header('ETag', `"${item.sha256}"`);
  response.header('Repr-Digest', `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`);
  response.header('X-Content-SHA256', item.sha256);
  response.header('X-Content-Type-Options', 'nosniff');
  if (range) {
    response.status(206);
    response.header('Content-Range', `bytes ${range.start}-${range.end}/${item.size}`);
  }
  return new StreamableFile(content.stream, {
    type: item.mediaType,
    length: range ? range.end - range.start + 1 : item.size,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(item.filename)}`,
  });
}

const DOWNLOAD_HEADERS = {
  'Accept-Ranges': { description: '`bytes`: ask for part of the file with `Range`', schema: { type: 'string' } },
  'Repr-Digest': { description: 'SHA-256 of the whole file (RFC 9530), whatever part is sent: check it against the signed manifest', schema: { type: 'string' } },
  'X-Content-SHA256': { description: 'The same SHA-256, in lowercase hex', schema: { type: 'string' } },
  ETag: { description: 'The SHA-256, quoted', schema: { type: 'string' } },
  'Content-Disposition': { description: 'attachment, with the file name', schema: { type: 'string' } },
};

/** The OpenAPI of an evidence download: the whole file (200) or the part a `Range` asked for (206). */
export function ApiEvidenceDownload(): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/octet-stream'),
    ApiHeader({ name: 'Range', required: false, description: 'One range of bytes (`bytes=0-1023`); the answer is then 206 with Content-Range' }),
    ApiOkResponse({ description: 'The whole file', schema: { type: 'string', format: 'binary' }, headers: DOWNLOAD_HEADERS }),
    ApiResponse({
      status: 206,
      description: 'The part asked for with Range',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      headers: { ...DOWNLOAD_HEADERS, 'Content-Range': { description: '`bytes <first>-<last>/<size>`', schema: { type: 'string' } } },
    }),
  );
}

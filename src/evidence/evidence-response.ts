import { StreamableFile } from '@nestjs/common';
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

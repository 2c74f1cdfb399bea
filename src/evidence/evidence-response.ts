import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { EvidenceContent } from './evidence.service.js';

/**
 * Writes the headers of an evidence download: type, length, the SHA-256 of the
 * whole file (RFC 9530 Repr-Digest, and hex for convenience), range answers.
 */
export function evidenceResponse(content: EvidenceContent, response: Response): StreamableFile {
  const { item, range } = content;
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('ETag', `"${item.sha256}"`);
  response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`);
  response.setHeader('X-Content-SHA256', item.sha256);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (range) {
    response.status(206);
    response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${item.size}`);
  }
  return new StreamableFile(content.stream, {
    type: item.mediaType,
    length: range ? range.end - range.start + 1 : item.size,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(item.filename)}`,
  });
}

import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { CommonError } from './common.errors.js';
import { assertSafeInput, unsafeText } from './safe-input.js';

/**
 * Runs before validation on every body, query and path parameter (safe-input.ts). A path
 * parameter that cannot be stored names nothing: 404, as an unknown id would.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') {
      if (typeof value === 'string' && unsafeText(value)) throw new CommonError('NOT_FOUND', `There is no ${metadata.data ?? 'such object'} by that name.`);
      return value;
    }
    if (metadata.type === 'body' || metadata.type === 'query') assertSafeInput(value, metadata.type);
    return value;
  }
}

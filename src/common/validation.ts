import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { CommonError } from './common.errors.js';
import type { FieldError } from './problem.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';
import { fastPathApplies, ValidationFastPath } from './validation-fast-path.js';

/** Flattens class-validator's tree into `path: message` pairs (`sla.acknowledgeHours`, `categories.2`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message: humanise(message, error.property, path) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

function humanise(message: string, property: string, path: string): string {
  if (message === `property ${property} should not exist`) return `${path} is not a known field`;
  return message.startsWith(property) && path !== property ? path + message.slice(property.length) : message;
}

/** class-validator, asked only when the fast path cannot vouch for a value (a valid request rarely needs it). */
class HubValidationPipe extends ValidationPipe {
  private readonly fastPath = new ValidationFastPath();

  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (options && fastPathApplies(options) && this.fastPath.passes(object)) return [];
    return super.validate(object, options);
  }
}

/** Whitelisting pipe: unknown fields are an error, not silently dropped, and failures are 422 problems with a field list. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new HubValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.slice(0, 3).map((e) => e.message).join('; ');
      return new CommonError('VALIDATION_FAILED', `${fieldErrors.length} field(s) failed validation: ${summary}`, {}, fieldErrors);
    },
  });
}

import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from '../../../src/common/validation.js';

function error(property: string, constraints: Record<string, string> = {}, children: ValidationError[] = []): ValidationError {
  return { property, constraints, children } as ValidationError;
}

describe('flattenValidationErrors', () => {
  it('gives nested fields their dotted path and rewrites the message to match', () => {
    const flat = flattenValidationErrors([
      error('serviceLevel', {}, [error('acknowledgeWithinHours', { min: 'acknowledgeWithinHours must not be less than 1' })]),
      error('nameTh', { isDefined: 'nameTh is required' }),
    ]);
    expect(flat).toEqual([
      { path: 'serviceLevel.acknowledgeWithinHours', message: 'serviceLevel.acknowledgeWithinHours must not be less than 1' },
      { path: 'nameTh', message: 'nameTh is required' },
    ]);
  });

  it('says that an unknown field is unknown', () => {
    expect(flattenValidationErrors([error('colour', { whitelistValidation: 'property colour should not exist' })])).toEqual([
      { path: 'colour', message: 'colour is not a known field' },
    ]);
  });

  it('indexes array elements', () => {
    const flat = flattenValidationErrors([error('keys', {}, [error('0', {}, [error('crv', { isIn: 'crv must be P-256' })])])]);
    expect(flat).toEqual([{ path: 'keys.0.crv', message: 'keys.0.crv must be P-256' }]);
  });
});

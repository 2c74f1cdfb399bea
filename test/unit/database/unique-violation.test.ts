import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from '../../../src/database/unique-violation.js';

describe('isUniqueViolation', () => {
  const fromPg = Object.assign(new Error('duplicate key value violates unique constraint "received_document_once"'), { code: '23505', constraint: 'received_document_once' });

  it('recognises the error as pg raises it and as TypeORM wraps it', () => {
    expect(isUniqueViolation(fromPg)).toBe(true);
    expect(isUniqueViolation(new QueryFailedError('INSERT …', [], fromPg))).toBe(true);
  });

  it('checks the constraint when one is named', () => {
    expect(isUniqueViolation(fromPg, 'received_document_once')).toBe(true);
    expect(isUniqueViolation(fromPg, 'idempotency_record_pkey')).toBe(false);
  });

  it('is false for any other failure', () => {
    expect(isUniqueViolation(Object.assign(new Error('null value'), { code: '23502' }))).toBe(false);
    expect(isUniqueViolation(new Error('connection lost'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

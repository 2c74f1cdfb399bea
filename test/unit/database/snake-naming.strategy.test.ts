import { describe, expect, it } from '@jest/globals';
import { SnakeNamingStrategy } from '../../../src/database/snake-naming.strategy.js';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();
  it.each([
    ['slaAcknowledgeHours', 'sla_acknowledge_hours'],
    ['nameTh', 'name_th'],
    ['publicJwk', 'public_jwk'],
    ['endpointURL', 'endpoint_url'],
    ['id', 'id'],
  ])('names the column of %s as %s', (property, column) => {
    expect(naming.columnName(property, undefined, [])).toBe(column);
  });

  it('keeps an explicit table name and snake-cases a class name', () => {
    expect(naming.tableName('PartnerKey', undefined)).toBe('partner_key');
    expect(naming.tableName('PartnerKey', 'partner_key')).toBe('partner_key');
  });
});

import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';

let sequence = 0;

/** A unique, valid partner id for one test (tests never share partners, so order never matters). */
export function uniquePartnerId(prefix = 't'): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${randomBytes(2).toString('hex')}`;
}

export function aPartner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uniquePartnerId(),
    nameTh: 'สำนักงานทดสอบการคุ้มครองผู้บริโภค',
    nameEn: 'Test Consumer Protection Office',
    kind: 'government',
    categories: ['shopping'],
    deliveryMode: 'pull',
    serviceLevel: { acknowledgeWithinHours: 24, resolveWithinDays: 30 },
    ...overrides,
  };
}

export function anEcKeyPair(): { publicJwk: JsonWebKey; privateJwk: JsonWebKey } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicJwk: publicKey.export({ format: 'jwk' }), privateJwk: privateKey.export({ format: 'jwk' }) };
}

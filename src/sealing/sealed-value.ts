import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pooledRandomBytes } from '../common/random-pool.js';

/**
 * A value sealed at rest: `e1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts), AES-256-GCM
 * under the data key `kid`, with a context (the table, column and row it belongs to) bound
 * as associated data, so a sealed value copied into another row or column does not open.
 * A compact JWS or a JSON text never starts with `e1.`, so stored documents written before
 * sealing are told apart by the prefix.
 */
export const SEALED_PREFIX = 'e1.';

/** Key ids are short and never contain the separator. */
const KID = /^[a-z0-9-]{1,40}$/;

export function sealValue(key: Buffer, kid: string, context: string, plaintext: string | Buffer): string {
  if (!KID.test(kid)) throw new Error(`not a data key id: ${kid}`);
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${SEALED_PREFIX}${kid}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The id of the data key a sealed value is under. */
export function sealedKid(value: string): string {
  const end = value.indexOf('.', SEALED_PREFIX.length);
  const kid = isSealed(value) && end > 0 ? value.slice(SEALED_PREFIX.length, end) : '';
  if (!KID.test(kid)) throw new Error('not a sealed value');
  return kid;
}

/** Opens a sealed value; throws when the key or the context is wrong or the value was altered. */
export function openValue(key: Buffer, value: string, context: string): Buffer {
  const parts = value.split('.');
  if (parts.length !== 5 || `${parts[0]}.` !== SEALED_PREFIX) throw new Error('not a sealed value');
  const [, , iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

/** A new data key id: the date it was made and random letters (sortable by age, unique). */
export function newKid(now: Date): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}

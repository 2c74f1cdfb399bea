import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Private keys at rest: AES-256-GCM under the master key, the kid as associated
 * data so that a ciphertext cannot be moved onto another key's row.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function sealPrivateKey(masterKey: Buffer, kid: string, privateJwk: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(privateJwk), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function openPrivateKey(masterKey: Buffer, kid: string, sealed: string): Record<string, unknown> {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error(`sealed key ${kid} has an unknown format`);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot open the private key ${kid}: wrong SIGNING_MASTER_KEY?`, { cause: error });
  }
}

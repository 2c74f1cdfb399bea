import { createHash, generateKeyPairSync, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from '../access/roles.js';

/**
 * The local development identity provider: in production staff, auditor and
 * admin tokens come from an external OpenID Connect issuer; on a laptop
 * `npm run token` mints them with this key, kept under DATA_DIR/keys.
 */
export const DEV_ISSUER = 'urn:ocx:dev-issuer';

export interface DevIssuerKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function devIssuerKeyFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'keys', 'dev-issuer.private.jwk.json');
}

export async function loadOrCreateDevIssuerKey(dataDir: string): Promise<DevIssuerKey> {
  const file = devIssuerKeyFile(dataDir);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    try {
      await writeFile(file, JSON.stringify(jwk) + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (the CLI, a second hub) wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readDevIssuerKey(file);
}

/**
 * The key a hub made in `dataDir`, never a new one (for `npm run token`: a key of its own would sign tokens that
 * hub refuses); undefined when there is none.
 */
export async function loadDevIssuerKey(dataDir: string): Promise<DevIssuerKey | undefined> {
  const file = devIssuerKeyFile(dataDir);
  return existsSync(file) ? readDevIssuerKey(file) : undefined;
}

async function readDevIssuerKey(file: string): Promise<DevIssuerKey> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  // The kid names the key itself: a token from another folder's key is refused as such, not as a bad signature.
  const kid = `dev-${createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url').slice(0, 16)}`;
  return { kid, privateKey, publicKey };
}

export interface DevTokenRequest {
  subject: string;
  roles: Role[];
  audience: string;
  partnerId?: string;
  ttlSeconds?: number;
}

export async function mintDevToken(key: DevIssuerKey, request: DevTokenRequest): Promise<string> {
  return new SignJWT({ roles: request.roles, ...(request.partnerId ? { partner_id: request.partnerId } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setSubject(request.subject)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (request.ttlSeconds ?? 3600))
    .sign(key.privateKey);
}

import { createHmac, hkdfSync } from 'node:crypto';
import type { CanonicalIdentifier } from './index.js';

/**
 * The keyed hash under which an identifier is stored and looked up. Without the
 * key, a stolen table cannot be reversed by hashing every phone number (there are
 * only ~10^9). With several keys (oldest first) the hash is chained,
 * HMAC(k2, HMAC(k1, x)): rotating means re-keying stored hashes with the new key
 * alone, which needs no raw value — the hub does not keep partners' raw values.
 */
export class BlindIndex {
  private readonly keys: readonly Buffer[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('the blind index needs at least one key');
    this.keys = keys;
  }

  /** The development key when MATCHING_INDEX_KEYS is not set: derived from the master key under its own label. */
  static fromMasterKey(masterKey: Buffer): BlindIndex {
    return new BlindIndex([Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ocx blind index v1', 32))]);
  }

  static fromSetting(setting: string): BlindIndex {
    return new BlindIndex(setting.split(',').map((encoded) => decodeKey(encoded.trim())));
  }

  /** 32 bytes; kind and value are both hashed, so a phone and an account with the same digits differ. */
  of(identifier: Pick<CanonicalIdentifier, 'kind' | 'value'>): Buffer {
    let hash: Buffer = createHmac('sha256', this.keys[0]!).update(identifier.kind).update('\u0000').update(identifier.value).digest();
    for (const key of this.keys.slice(1)) hash = rekey(key, hash);
    return hash;
  }
}

/** One rotation step applied to a stored hash. */
export function rekey(key: Buffer, hash: Buffer): Buffer {
  return createHmac('sha256', key).update(hash).digest();
}

export function decodeKey(encoded: string): Buffer {
  const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new Error('a blind index key must be 32 bytes');
  return key;
}

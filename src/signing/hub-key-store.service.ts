import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodeJose from 'node-jose';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Settings } from '../config/settings.js';
import { HubSigningKey } from './hub-signing-key.entity.js';
import { openPrivateKey, sealPrivateKey } from './key-encryption.js';
import { LOCK_KEY_ROTATION, RETIRE_ACTIVE_KEY } from './signing.sql.js';

export const MASTER_KEY = Symbol('SigningMasterKey');

// Serialises key creation and rotation across hub processes.
const KEY_ROTATION_LOCK = 0x0c5_0002;
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

export interface PublicHubJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

/** A hub signing key as the key routes show it: public parts and dates only. */
export type HubKeyRecord = Pick<HubSigningKey, 'kid' | 'status' | 'publicJwk' | 'createdAt' | 'retiredAt' | 'verifyUntil'>;

interface VerificationKey {
  readonly publicKey: KeyObject;
  readonly jwk: PublicHubJwk;
}

/**
 * The hub's own signing keys. node-jose creates them and computes their RFC 7638
 * thumbprints (the kid); private keys are stored sealed under the master key.
 * One key is active; after a rotation the previous one stays in the JWKS until
 * it expires. Every process reloads the keys periodically, so a rotation made by
 * one process reaches the others.
 */
@Injectable()
export class HubKeyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HubKeyStore.name);
  private active?: { kid: string; privateKey: KeyObject };
  private verification = new Map<string, VerificationKey>();
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: Settings,
    @Inject(MASTER_KEY) private readonly masterKey: Buffer,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_KEY_ROTATION, [KEY_ROTATION_LOCK]);
      const active = await manager.getRepository(HubSigningKey).findOneBy({ status: 'active' });
      if (!active) {
        const created = await this.createKey(manager);
        this.logger.log(`created the first hub signing key ${created.kid}`);
      }
    });
    await this.reload();
    this.refreshTimer = setInterval(() => {
      this.reload().catch((error: unknown) => this.logger.warn(`reloading signing keys failed: ${(error as Error).message}`));
    }, this.settings.SIGNING_KEY_REFRESH_SECONDS * 1000);
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refreshTimer);
  }

  /** The key that signs now. */
  signingKey(): { kid: string; privateKey: KeyObject } {
    if (!this.active) throw new Error('the hub has no active signing key');
    return this.active;
  }

  /** The public key for a kid of the hub's, if it still verifies. */
  verificationKey(kid: string): KeyObject | undefined {
    return this.verification.get(kid)?.publicKey;
  }

  /** The JWKS published at /.well-known/jwks.json: public members only, active key first. */
  jwks(): { keys: PublicHubJwk[] } {
    const keys = [...this.verification.values()].map((key) => key.jwk);
    const activeKid = this.active?.kid;
    keys.sort((a, b) => Number(b.kid === activeKid) - Number(a.kid === activeKid));
    return { keys };
  }

  list(): Promise<HubKeyRecord[]> {
    return this.dataSource.getRepository(HubSigningKey).find({ order: { createdAt: 'DESC' } });
  }

  /**
   * Makes a new active key; the previous one is retired and keeps verifying for SIGNING_KEY_RETIRED_DAYS.
   * `alongside` runs in the rotation's transaction (the caller's audit entry, say): signing knows no feature.
   */
  async rotate(alongside?: (manager: EntityManager, created: HubKeyRecord) => Promise<void>): Promise<HubKeyRecord> {
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_KEY_ROTATION, [KEY_ROTATION_LOCK]);
      await manager.query(
        RETIRE_ACTIVE_KEY,
        [this.settings.SIGNING_KEY_RETIRED_DAYS],
      );
      const created = await this.createKey(manager);
      await alongside?.(manager, created);
      return created;
    });
    await this.reload();
    this.logger.log(`rotated the hub signing key: ${created.kid} now signs`);
    return created;
  }

  async reload(): Promise<void> {
    const rows = await this.dataSource
      .getRepository(HubSigningKey)
      .createQueryBuilder('key')
      .where(`key.status = 'active' OR key.verify_until > now()`)
      .getMany();
    const verification = new Map<string, VerificationKey>();
    let active: { kid: string; privateKey: KeyObject } | undefined;
    for (const row of rows) {
      const jwk = toPublicJwk(row.kid, row.publicJwk);
      verification.set(row.kid, { jwk, publicKey: createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' }) });
      if (row.status === 'active') {
        const privateJwk = openPrivateKey(this.masterKey, row.kid, row.sealedPrivateKey);
        active = { kid: row.kid, privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }) };
      }
    }
    this.verification = verification;
    this.active = active;
  }

  private async createKey(manager: EntityManager): Promise<HubSigningKey> {
    const key = await nodeJose.JWK.createKey('EC', 'P-256', { alg: 'ES256', use: 'sig' });
    // node-jose resolves the thumbprint as a Buffer (its typings say string).
    const kid = ((await key.thumbprint('SHA-256')) as unknown as Buffer).toString('base64url');
    const fullPublic = key.toJSON() as Record<string, string>;
    const publicJwk = Object.fromEntries(PUBLIC_MEMBERS.map((member) => [member, fullPublic[member]!])) as Record<string, string>;
    const row = manager.getRepository(HubSigningKey).create({
      kid,
      publicJwk,
      sealedPrivateKey: sealPrivateKey(this.masterKey, kid, key.toJSON(true)),
      status: 'active',
      retiredAt: null,
      verifyUntil: null,
    });
    await manager.getRepository(HubSigningKey).insert(row);
    return row;
  }
}

/** Builds the published form from the stored public members only, so no private member can ever reach the JWKS. */
export function toPublicJwk(kid: string, stored: Record<string, string>): PublicHubJwk {
  if (stored.kty !== 'EC' || stored.crv !== 'P-256' || !stored.x || !stored.y) throw new Error(`stored key ${kid} is not an EC P-256 public key`);
  return { kty: 'EC', crv: 'P-256', x: stored.x, y: stored.y, kid, use: 'sig', alg: 'ES256' };
}

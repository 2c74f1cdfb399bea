import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../access/roles.js';
import { Settings } from '../config/settings.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { CreatePartnerDto, UpdatePartnerDto } from './dto/partner.dto.js';
import type { RegisterPartnerKeyDto, RevokePartnerKeyDto } from './dto/partner-key.dto.js';
import { PartnerKey } from './partner-key.entity.js';
import { Partner } from './partner.entity.js';
import { PartnerError } from './partners.errors.js';
import { checkPublicSigningJwk, type PublicSigningJwk } from './public-jwk.js';
import { NOTIFY_ACCESS_CHANGED, type DispatchTarget } from './partners.sql.js';
import { DEFAULT_DATA_CLASSES, orderedClasses } from '../standard/data-classes.js';

export interface PartnerSigningKey {
  kid: string;
  publicKey: KeyObject;
  thumbprint: string;
  revoked: boolean;
  expiresAt: Date | null;
}

/** The partner registry: agencies, how they receive referrals, and the keys they sign with. */
@Injectable()
export class PartnersService {
  /** Public keys by partner and kid (material only; their state is always read fresh or checked in the write). */
  private readonly keyMaterials = new Map<string, { publicKey: KeyObject; thumbprint: string }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Partner[]> {
    return this.dataSource.getRepository(Partner).find({ order: { id: 'ASC' } });
  }

  /** The names of these partners, for views that show agencies (tracking). */
  async names(ids: readonly string[]): Promise<Map<string, { nameTh: string; nameEn: string }>> {
    if (ids.length === 0) return new Map();
    const partners = await this.dataSource.getRepository(Partner).find({ select: { id: true, nameTh: true, nameEn: true }, where: { id: In([...ids]) } });
    return new Map(partners.map((partner) => [partner.id, { nameTh: partner.nameTh, nameEn: partner.nameEn }]));
  }

  /** Where each of these partners takes pushes: active partners in push mode with an endpoint only. */
  async pushEndpoints(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const partners = await manager.getRepository(Partner).find({ select: { id: true, endpointUrl: true }, where: { id: In([...ids]), active: true, deliveryMode: 'push', endpointUrl: Not(IsNull()) } });
    return new Map(partners.map((partner) => [partner.id, partner.endpointUrl!]));
  }

  /** What dispatch needs to know of one partner, inside the caller's transaction. */
  async dispatchTarget(manager: EntityManager, id: string): Promise<DispatchTarget> {
    const partner = await manager.getRepository(Partner).findOneByOrFail({ id });
    return { id: partner.id, kind: partner.kind, dataClasses: partner.dataClasses, active: partner.active, deliveryMode: partner.deliveryMode, endpointUrl: partner.endpointUrl, slaResolveDays: partner.slaResolveDays };
  }

  /** The active platforms whose service includes `domain`, by id. */
  async platformsServing(domain: string): Promise<Array<{ id: string; kind: string }>> {
    return this.dataSource.getRepository(Partner).createQueryBuilder('partner').select(['partner.id', 'partner.kind'])
      .where('partner.active AND :domain = ANY(partner.platform_domains)', { domain }).orderBy('partner.id').getMany();
  }

  async get(id: string): Promise<Partner> {
    const partner = await this.dataSource.getRepository(Partner).findOneBy({ id });
    if (!partner) throw new PartnerError('PARTNER_NOT_FOUND', `There is no partner "${id}".`);
    return partner;
  }

  async create(request: CreatePartnerDto, admin: Principal): Promise<Partner> {
    const partner = this.dataSource.getRepository(Partner).create({
      id: request.id,
      nameTh: request.nameTh.normalize('NFC'),
      nameEn: request.nameEn,
      kind: request.kind,
      categories: request.categories,
      deliveryMode: request.deliveryMode,
      endpointUrl: request.endpointUrl ?? null,
      platformDomains: request.platformDomains ?? [],
      dataClasses: orderedClasses(request.dataClasses ?? DEFAULT_DATA_CLASSES[request.kind]),
      slaAcknowledgeHours: request.serviceLevel.acknowledgeWithinHours,
      slaResolveDays: request.serviceLevel.resolveWithinDays,
      active: request.active ?? true,
    });
    this.checkDelivery(partner);
    try {
      // insert, not save: save() would quietly update an existing partner with the same id.
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(Partner).insert(partner);
        await this.audit.record(admin, { action: 'partner.created', subjectType: 'partner', subjectId: partner.id, partnerId: partner.id }, manager);
      });
      return await this.get(partner.id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PartnerError('PARTNER_ALREADY_EXISTS', `A partner with id "${request.id}" already exists.`);
      throw error;
    }
  }

  update(id: string, changes: UpdatePartnerDto, admin: Principal): Promise<Partner> {
    return this.dataSource.transaction(async (manager) => {
      const partner = await this.lockPartner(manager, id);
      if (changes.nameTh !== undefined) partner.nameTh = changes.nameTh.normalize('NFC');
      if (changes.nameEn !== undefined) partner.nameEn = changes.nameEn;
      if (changes.kind !== undefined) partner.kind = changes.kind;
      if (changes.categories !== undefined) partner.categories = changes.categories;
      if (changes.deliveryMode !== undefined) partner.deliveryMode = changes.deliveryMode;
      if (changes.endpointUrl !== undefined) partner.endpointUrl = changes.endpointUrl;
      if (changes.platformDomains !== undefined) partner.platformDomains = changes.platformDomains;
      if (changes.dataClasses !== undefined) partner.dataClasses = orderedClasses(changes.dataClasses);
      if (changes.serviceLevel !== undefined) {
        partner.slaAcknowledgeHours = changes.serviceLevel.acknowledgeWithinHours;
        partner.slaResolveDays = changes.serviceLevel.resolveWithinDays;
      }
      if (changes.active !== undefined) partner.active = changes.active;
      this.checkDelivery(partner);
      // Every hub process drops what it knows of this partner's access at commit (PartnerAccess).
      await manager.query(NOTIFY_ACCESS_CHANGED, [id]);
      await this.audit.record(admin, { action: 'partner.updated', subjectType: 'partner', subjectId: id, partnerId: id, details: { fields: Object.keys(changes).sort().join(',') } }, manager);
      return manager.save(partner);
    });
  }

  async listKeys(partnerId: string): Promise<PartnerKey[]> {
    await this.get(partnerId);
    return this.dataSource.getRepository(PartnerKey).find({ where: { partnerId }, order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  registerKey(partnerId: string, request: RegisterPartnerKeyDto, admin: Principal): Promise<PartnerKey> {
    const check = checkPublicSigningJwk(request.jwk);
    if (!check.ok) {
      throw new PartnerError('PARTNER_KEY_INVALID', `The JWK was refused: ${check.reason}.`, {}, [{ path: 'jwk', message: check.reason }]);
    }
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new PartnerError('PARTNER_KEY_INVALID', 'expiresAt is in the past.', {}, [{ path: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.lockPartner(manager, partnerId);
      const key = manager.getRepository(PartnerKey).create({
        partnerId,
        kid: check.jwk.kid,
        thumbprint: check.thumbprint,
        publicJwk: check.jwk,
        status: 'active',
        expiresAt,
      });
      try {
        await manager.getRepository(PartnerKey).insert(key);
        // Every hub process drops what it knows of this partner's keys at commit: a token of the new key works at once.
        await manager.query(NOTIFY_ACCESS_CHANGED, [partnerId]);
        await this.audit.record(admin, { action: 'partner_key.registered', subjectType: 'partner_key', subjectId: key.kid, partnerId, details: { thumbprint: key.thumbprint } }, manager);
        return await manager.getRepository(PartnerKey).findOneByOrFail({ partnerId, kid: key.kid });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new PartnerError('PARTNER_KEY_ALREADY_REGISTERED', `This key (kid "${check.jwk.kid}", thumbprint ${check.thumbprint}) is already registered.`);
        }
        throw error;
      }
    });
  }

  revokeKey(partnerId: string, kid: string, request: RevokePartnerKeyDto, admin: Principal): Promise<PartnerKey> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPartner(manager, partnerId);
      const key = await manager.getRepository(PartnerKey).findOneBy({ partnerId, kid });
      if (!key) throw new PartnerError('PARTNER_KEY_NOT_FOUND', `Partner "${partnerId}" has no key "${kid}".`);
      if (key.status === 'revoked') throw new PartnerError('PARTNER_KEY_ALREADY_REVOKED', `Key "${kid}" was revoked at ${key.revokedAt?.toISOString()}.`);
      key.status = 'revoked';
      key.revokedAt = new Date();
      key.revocationReason = request.reason ?? null;
      await manager.query(NOTIFY_ACCESS_CHANGED, [partnerId]);
      await this.audit.record(admin, { action: 'partner_key.revoked', subjectType: 'partner_key', subjectId: kid, partnerId }, manager);
      return manager.getRepository(PartnerKey).save(key);
    });
  }

  /**
   * The public key a partner signs with, by kid, with its state. Only that partner's
   * keys are searched: a kid registered to another partner is simply unknown here.
   */
  async findSigningKey(partnerId: string, kid: string): Promise<PartnerSigningKey | undefined> {
    const key = await this.dataSource.getRepository(PartnerKey).findOneBy({ partnerId, kid });
    if (!key) return undefined;
    const material = this.keyMaterial(partnerId, kid, key.publicJwk, key.thumbprint);
    return { kid, publicKey: material.publicKey, thumbprint: material.thumbprint, revoked: key.status === 'revoked', expiresAt: key.expiresAt };
  }

  /**
   * The public key registered under this kid, if this process has read it before.
   * Only the key material is kept, never its state: a caller that uses it must check
   * in its own write that the key is still active (`usablePartnerKey`), so a
   * revocation takes effect at once. The thumbprint binds the cached key to the row.
   */
  knownKeyMaterial(partnerId: string, kid: string): { publicKey: KeyObject; thumbprint: string } | undefined {
    return this.keyMaterials.get(`${partnerId}\u0000${kid}`);
  }

  private keyMaterial(partnerId: string, kid: string, jwk: PublicSigningJwk, thumbprint: string): { publicKey: KeyObject; thumbprint: string } {
    const cacheKey = `${partnerId}\u0000${kid}`;
    const known = this.keyMaterials.get(cacheKey);
    if (known && known.thumbprint === thumbprint) return known;
    const material = { publicKey: createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' }), thumbprint };
    if (this.keyMaterials.size >= 10_000) this.keyMaterials.delete(this.keyMaterials.keys().next().value!);
    this.keyMaterials.set(cacheKey, material);
    return material;
  }

  private async lockPartner(manager: EntityManager, id: string): Promise<Partner> {
    const partner = await manager.getRepository(Partner).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!partner) throw new PartnerError('PARTNER_NOT_FOUND', `There is no partner "${id}".`);
    return partner;
  }

  /** A push partner needs an endpoint, and production endpoints are https. */
  private checkDelivery(partner: Partner): void {
    if (partner.deliveryMode === 'push' && !partner.endpointUrl) {
      throw new PartnerError('PARTNER_INVALID', 'A partner with deliveryMode "push" needs an endpointUrl.', {}, [
        { path: 'endpointUrl', message: 'endpointUrl is required when deliveryMode is push' },
      ]);
    }
    if (partner.endpointUrl && !partner.endpointUrl.startsWith('https://') && !this.settings.DELIVERY_ALLOW_HTTP) {
      throw new PartnerError('PARTNER_INVALID', 'endpointUrl must use https (plain http is allowed only with DELIVERY_ALLOW_HTTP).', {}, [
        { path: 'endpointUrl', message: 'endpointUrl must be an https URL' },
      ]);
    }
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, DELIVERY_MODES, PARTNER_KINDS, type Category, type DeliveryMode, type PartnerKind } from '../../standard/codes.js';
import { DATA_CLASSES, type DataClass } from '../../standard/data-classes.js';
import type { PartnerKey, PartnerKeyStatus } from '../partner-key.entity.js';
import type { Partner } from '../partner.entity.js';
import type { PublicSigningJwk } from '../public-jwk.js';
import { ServiceLevelDto } from './partner.dto.js';

export class PartnerView {
  @ApiProperty({ example: 'ocpb' }) id: string;
  @ApiProperty() nameTh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) categories: Category[];
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode: DeliveryMode;
  @ApiProperty({ type: String, nullable: true }) endpointUrl: string | null;
  @ApiProperty({ type: [String], description: 'For a platform: the domains of its service' }) platformDomains: string[];
  @ApiProperty({ type: ServiceLevelDto }) serviceLevel: ServiceLevelDto;
  @ApiProperty({ enum: DATA_CLASSES, isArray: true, description: "The data classes its legal basis covers (§2.1, 1.1)" }) dataClasses: DataClass[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Increases on every change' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PartnerListView {
  @ApiProperty({ type: [PartnerView] }) partners: PartnerView[];
}

export class PartnerKeyView {
  @ApiProperty() partnerId: string;
  @ApiProperty() kid: string;
  @ApiProperty({ description: 'RFC 7638 thumbprint' }) thumbprint: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Public JWK' }) jwk: PublicSigningJwk;
  @ApiProperty({ enum: ['active', 'revoked'] }) status: PartnerKeyStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) revocationReason: string | null;
}

export class PartnerKeyListView {
  @ApiProperty({ type: [PartnerKeyView] }) keys: PartnerKeyView[];
}

export function toPartnerView(partner: Partner): PartnerView {
  return {
    id: partner.id,
    nameTh: partner.nameTh,
    nameEn: partner.nameEn,
    kind: partner.kind,
    categories: partner.categories,
    deliveryMode: partner.deliveryMode,
    endpointUrl: partner.endpointUrl,
    platformDomains: partner.platformDomains,
    serviceLevel: { acknowledgeWithinHours: partner.slaAcknowledgeHours, resolveWithinDays: partner.slaResolveDays },
    dataClasses: partner.dataClasses,
    active: partner.active,
    version: partner.version,
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
  };
}

export function toPartnerKeyView(key: PartnerKey): PartnerKeyView {
  return {
    partnerId: key.partnerId,
    kid: key.kid,
    thumbprint: key.thumbprint,
    jwk: key.publicJwk,
    status: key.status,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revocationReason: key.revocationReason,
  };
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PublicSigningJwk } from './public-jwk.js';

export type PartnerKeyStatus = 'active' | 'revoked';

/** A public key a partner signs with (status events, case shares, token assertions). Kept after revocation. */
@Entity({ name: 'partner_key' })
export class PartnerKey {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  partnerId: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  kid: string;

  /** RFC 7638 thumbprint: one key belongs to one partner only. */
  @Column({ type: 'varchar', length: 43, unique: true })
  thumbprint: string;

  @Column({ type: 'jsonb' })
  publicJwk: PublicSigningJwk;

  @Column({ type: 'text', default: 'active' })
  status: PartnerKeyStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;
}

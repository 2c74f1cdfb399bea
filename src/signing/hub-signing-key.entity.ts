import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type HubSigningKeyStatus = 'active' | 'retired';

/** A key the hub signs documents with. One is active; retired ones keep verifying until `verifyUntil`. */
@Entity({ name: 'hub_signing_key' })
export class HubSigningKey {
  /** RFC 7638 thumbprint of the public key. */
  @PrimaryColumn({ type: 'varchar', length: 43 })
  kid: string;

  @Column({ type: 'jsonb' })
  publicJwk: Record<string, string>;

  /** The private JWK, sealed under the master key (see key-encryption.ts). */
  @Column({ type: 'text' })
  sealedPrivateKey: string;

  @Column({ type: 'text' })
  status: HubSigningKeyStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifyUntil: Date | null;
}

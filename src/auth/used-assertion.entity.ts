import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A client assertion's jti, kept until the assertion expires so that it can be used once only (RFC 7523 §3). */
@Entity({ name: 'used_assertion' })
export class UsedAssertion {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  partnerId: string;

  @PrimaryColumn({ type: 'text' })
  jti: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}

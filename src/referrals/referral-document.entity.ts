import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A Referral document exactly as the hub signed it (the JWS), one per version. */
@Entity({ name: 'referral_document' })
export class ReferralDocumentRecord {
  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  jws: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A Referral document as the hub signed it, one per version: the JWS, stored sealed (referral-document-sealing.ts). */
@Entity({ name: 'referral_document' })
export class ReferralDocumentRecord {
  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @Column({ type: 'integer' })
  version: number;

  /** Its number in the referral's stream of documents (§4.7). */
  @Column({ type: 'integer' })
  sequence: number;

  /** Sealed: openReferralJws gives the JWS exactly as signed. */
  @Column({ type: 'text' })
  jws: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AcknowledgementOutcome } from '../standard/codes.js';

export type CorrectionKind = 'correction' | 'retraction';

/**
 * A Correction or Retraction the hub signed for one referral (§2.7), with the agency's acknowledgement and the
 * chasing of a late one. The JWS is sealed (`openReferralJws` opens it), since a note may name a person.
 */
@Entity({ name: 'correction' })
export class CorrectionRecord {
  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  kind: CorrectionKind;

  @Column({ type: 'uuid' })
  referralId: string;

  /** The complaint corrected or withdrawn (1212's record: shown to staff, never to the agency). */
  @Column({ type: 'uuid' })
  complaintId: string;

  @Column({ type: 'varchar', length: 40 })
  partnerId: string;

  @Column({ type: 'text' })
  reason: string;

  /** Its number in the referral's stream (§4.7). */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text' })
  jws: string;

  @Column({ type: 'text' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  acknowledgeBy: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgementDocumentId: string | null;

  @Column({ type: 'text', nullable: true })
  acknowledgementOutcome: AcknowledgementOutcome | null;

  /** With outcome `retained`: the law under which the agency keeps the data. */
  @Column({ type: 'text', nullable: true })
  retentionBasis: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  chasedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  chaseCount: number;

  @Column({ type: 'bigint', insert: false, update: false })
  feedSeq: string;
}

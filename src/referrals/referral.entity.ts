import type { DataClass } from '../standard/data-classes.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReferralStatus, RequestedAction } from '../standard/codes.js';

/** A complaint referred to one partner. Its signed documents and status history are kept beside it. */
@Entity({ name: 'referral' })
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @Column({ type: 'varchar', length: 40 })
  partnerId: string;

  @Column({ type: 'text' })
  status: ReferralStatus;

  /** Version of the latest Referral document (1, then one more per amendment). */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  requestedAction: RequestedAction;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** The agency a partner said the case belongs to (status transferred). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  transferTo: string | null;

  /** The referral that staff dispatched when they confirmed the transfer. */
  @Column({ type: 'uuid', nullable: true })
  transferredAs: string | null;

  /** The complainant's fields this referral's documents carry (the dispatcher's choice); null: the default. */
  @Column({ type: 'text', array: true, nullable: true })
  complainantFields: string[] | null;

  /** The data classes its documents carry (§2.1), as chosen at dispatch; null: dispatched under 1.0 (`legacyDataClasses`). */
  @Column({ type: 'text', array: true, nullable: true })
  dataClasses: DataClass[] | null;

  /** The number of the last StatusEvent applied that the agency numbered (§4.7); 0: none yet. */
  @Column({ type: 'integer', default: 0 })
  partnerSequence: number;

  /** The agency's own case number, from the latest of its StatusEvents that gave one. */
  @Column({ type: 'text', nullable: true })
  partnerCaseNumber: string | null;

  /** The reason code of the agency's latest StatusEvent that gave one (structured feedback). */
  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  /** When the agency first answered (any status event of its own); for the service-level figures. */
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** When it was resolved, rejected or transferred. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The agency's resolution (summary, outcome, amount recovered), as its signed event gave it. */
  @Column({ type: 'jsonb', nullable: true })
  resolution: { summary: string; outcome?: string; amountRecovered?: { amountSatang: number; currency: string } } | null;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Order of the partner's feed. */
  @Column({ type: 'bigint', insert: false, update: false })
  feedSeq: string;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReferralStatus } from '../standard/codes.js';

export type ReferralEventSource = 'hub' | 'partner' | 'staff';

/** One step of a referral's status history (the timeline). */
@Entity({ name: 'referral_event' })
export class ReferralEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @Column({ type: 'text' })
  status: ReferralStatus;

  @Column({ type: 'text' })
  source: ReferralEventSource;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The signed document that carried this step, when there is one. */
  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}

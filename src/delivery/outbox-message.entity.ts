import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** A signed document waiting to be pushed to a partner's endpoint; written in the same transaction as what it reports. */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  /** Also the `webhook-id` header: the partner's idempotency key. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ type: 'varchar', length: 40 })
  partnerId: string;

  @Column({ type: 'text' })
  documentType: string;

  @Column({ type: 'text' })
  endpointUrl: string;

  /** The JWS, exactly as signed. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'text' })
  status: OutboxStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One try at pushing a message: kept for every attempt, successful or not. */
@Entity({ name: 'delivery_attempt' })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  messageId: string;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'text' })
  worker: string;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;
}

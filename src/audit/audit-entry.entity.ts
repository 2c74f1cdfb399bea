import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditRecord } from './audit-chain.js';

/** One exchange, appended to the hash chain. Never updated or deleted (the database refuses both). */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  partnerId: string | null;

  @Column({ type: 'text' })
  outcome: AuditRecord['outcome'];

  @Column({ type: 'jsonb' })
  details: AuditRecord['details'];

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

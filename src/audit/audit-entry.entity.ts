import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditRecord } from './log-entry.js';

/** One exchange, appended to the log. Never changed or deleted (the database refuses both). */
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

  /** SHA-256 (hex) of the document exchanged, when the exchange carried one (a JWS as sent or received). */
  @Column({ type: 'char', length: 64, nullable: true })
  documentSha256: string | null;

  /** The hash chain of entries written before the Merkle log (no longer extended). */
  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}

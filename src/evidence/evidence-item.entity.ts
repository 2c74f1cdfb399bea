import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceKind } from '../standard/codes.js';

/** A file attached to a complaint. The bytes live in object storage under their SHA-256, shared by identical files. */
@Entity({ name: 'evidence_item' })
export class EvidenceItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @Column({ type: 'text' })
  kind: EvidenceKind;

  @Column({ type: 'text' })
  filename: string;

  /** Sniffed from the bytes, not taken from the client. */
  @Column({ type: 'text' })
  mediaType: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  objectKey: string;

  @Column({ type: 'text' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TakedownAction } from '../standard/codes.js';

/**
 * One version of a legal basis: laws change, so a basis is data with a version, and a
 * takedown records the code and version it was issued under. A version is never changed
 * once written; a change is a new version.
 */
@Entity({ name: 'legal_basis' })
export class LegalBasis {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  titleTh: string;

  @Column({ type: 'text' })
  titleEn: string;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo: string | null;

  /** Members of `legalBasis` a request under it must give (e.g. court, orderNumber, orderDate). */
  @Column({ type: 'text', array: true })
  requiredFields: string[];

  @Column({ type: 'text', array: true })
  allowedActions: TakedownAction[];

  /** The default deadline per action, an ISO 8601 duration. */
  @Column({ type: 'jsonb' })
  defaultDeadlines: Partial<Record<TakedownAction, string>>;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TakedownAction, TakedownStatus } from '../standard/codes.js';

/** What the request says of its legal basis: the code and version, and the members the basis requires. */
export interface TakedownLegalBasis {
  code: string;
  version: number;
  court?: string;
  orderNumber?: string;
  orderDate?: string;
  issuingAuthority?: string;
  reference?: string;
}

/** One signed TakedownRequest to one platform; its targets are TakedownTarget rows. */
@Entity({ name: 'takedown' })
export class Takedown {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The platform's feed order. */
  @Column({ type: 'bigint', insert: false, update: false })
  feedSeq: string;

  @Column({ type: 'varchar', length: 40 })
  platformId: string;

  @Column({ type: 'uuid', nullable: true })
  complaintId: string | null;

  @Column({ type: 'text' })
  status: TakedownStatus;

  @Column({ type: 'text' })
  legalBasisCode: string;

  @Column({ type: 'integer' })
  legalBasisVersion: number;

  @Column({ type: 'jsonb' })
  legalBasis: TakedownLegalBasis;

  @Column({ type: 'text' })
  requestedAction: TakedownAction;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  /** When the deadline job found it late; set once. */
  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'uuid' })
  documentId: string;

  /** The TakedownRequest exactly as signed (it names targets and the legal basis, no complainant data). */
  @Column({ type: 'text' })
  jws: string;

  /** The earlier takedown this one follows up (content uploaded again). */
  @Column({ type: 'uuid', nullable: true })
  follows: string | null;

  @Column({ type: 'text' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

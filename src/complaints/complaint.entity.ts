import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Category, Channel, IdentifierType, SubCategory } from '../standard/codes.js';

export type ComplaintStatus = 'new' | 'dispatched';

export interface ComplaintTransaction {
  orderDate?: string;
  product?: string;
  quantity?: number;
  priceSatang?: number;
  promisedDeliveryDate?: string;
  seller?: string;
  paymentMethod?: string;
  amountLostSatang?: number;
}

export interface ComplaintSubject {
  type: IdentifierType;
  value: string;
  bank?: string;
  note?: string;
}

/** A complaint recorded by 1212 staff. Personal data: the complainant columns; the national id is sealed. */
@Entity({ name: 'complaint' })
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, for stable cursor pagination (timestamps tie and lose precision in JavaScript). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'varchar', length: 11, unique: true })
  referenceCode: string;

  @Column({ type: 'text' })
  status: ComplaintStatus;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text' })
  category: Category;

  @Column({ type: 'text' })
  subCategory: SubCategory;

  @Column({ type: 'text' })
  narrative: string;

  @Column({ type: 'date', nullable: true })
  incidentDate: string | null;

  @Column({ type: 'text' })
  complainantName: string;

  @Column({ type: 'text', nullable: true })
  complainantPhone: string | null;

  @Column({ type: 'text', nullable: true })
  complainantEmail: string | null;

  @Column({ type: 'text', nullable: true })
  complainantLineId: string | null;

  @Column({ type: 'text', nullable: true })
  complainantNationalIdSealed: string | null;

  @Column({ type: 'jsonb', nullable: true })
  transaction: ComplaintTransaction | null;

  @Column({ type: 'jsonb' })
  subjects: ComplaintSubject[];

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

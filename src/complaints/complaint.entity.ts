import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Category, Channel, IdentifierType, SubCategory } from '../standard/codes.js';

/** `withdrawn`: 1212 withdrew it after dispatch (a Retraction went to every agency that received it). */
export type ComplaintStatus = 'new' | 'dispatched' | 'withdrawn';

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

/** How to reach the complainant, and who they are: sealed at rest, with the narrative. */
export interface Complainant {
  name: string;
  phone: string | null;
  email: string | null;
  lineId: string | null;
  /** 13 digits. */
  nationalId: string | null;
}

/** What a complaint holds about a person, sealed together in `personal_data`. */
export interface PersonalData {
  narrative: string;
  complainant: Complainant;
}

/** A complaint with its personal data opened: what the service gives its callers. */
export type ComplaintRecord = Omit<Complaint, 'personalData'> & PersonalData;

/** A complaint recorded by 1212 staff. Its personal data is sealed (`personalData`). */
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

  @Column({ type: 'date', nullable: true })
  incidentDate: string | null;

  /**
   * The narrative and the complainant, sealed (PersonalData as JSON, see ComplaintSealing):
   * nothing that identifies or reaches the complainant is stored in clear. Null only in a
   * row written before sealing, until the hub's start seals it.
   */
  @Column({ type: 'text', nullable: true })
  personalData: string | null;

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

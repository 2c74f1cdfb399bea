import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Category, DeliveryMode, PartnerKind } from '../standard/codes.js';
import type { DataClass } from '../standard/data-classes.js';

/** An agency, civil-society body or platform that receives referrals from the hub. */
@Entity({ name: 'partner' })
export class Partner {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'text' })
  nameTh: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'text' })
  kind: PartnerKind;

  @Column({ type: 'text', array: true })
  categories: Category[];

  @Column({ type: 'text' })
  deliveryMode: DeliveryMode;

  @Column({ type: 'text', nullable: true })
  endpointUrl: string | null;

  /** Service-level target: acknowledge a referral within this many hours. */
  @Column({ type: 'integer' })
  slaAcknowledgeHours: number;

  /** Service-level target: resolve (or reject, or transfer) within this many days. */
  @Column({ type: 'integer' })
  slaResolveDays: number;

  /** For a platform: the registrable domains of its service (`shopee.co.th`), by which takedown targets find it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  platformDomains: string[];

  /** The data classes its legal basis covers (§2.1): the hub never sends it another. */
  @Column({ type: 'text', array: true })
  dataClasses: DataClass[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

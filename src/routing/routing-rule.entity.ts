import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Category, SubCategory } from '../standard/codes.js';

/** category (and optionally sub-category) → an agency that usually takes such complaints, with a priority (lower first). */
@Entity({ name: 'routing_rule' })
export class RoutingRule {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' })
  category: Category;

  /** null: every sub-category of the category. */
  @Column({ type: 'text', nullable: true })
  subCategory: SubCategory | null;

  @Column({ type: 'varchar', length: 40 })
  partnerId: string;

  @Column({ type: 'integer' })
  priority: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MatchKind } from '../../standard/codes.js';

/** `exact`: the canonical value; `domain` (URLs only): the host and every host under it (`go.th`). */
export type WarningScope = 'exact' | 'domain';

/**
 * One entry of the warning list: an official number, account or domain of a victim's bank or a government service,
 * which identifies no suspect and so links no case. A removed entry stays, with who removed it and why.
 */
@Entity({ name: 'match_warning_entry' })
export class WarningEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: MatchKind;

  /** The canonical value (§2.5): `+6628888888`, `004:1234567890`, `kasikornbank.com`. Public, not personal data. */
  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  scope: WarningScope;

  /** Whose it is, as staff read it: `K-Contact Center ธนาคารกสิกรไทย 02-888-8888`. */
  @Column({ type: 'text' })
  label: string;

  /** Where it comes from: the organisation's page, a circular, a letter. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  removedBy: string | null;

  @Column({ type: 'text', nullable: true })
  removalReason: string | null;
}

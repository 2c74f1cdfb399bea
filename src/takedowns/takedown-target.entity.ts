import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TakedownOutcome, TakedownTargetKind } from '../standard/codes.js';

/** A target of a takedown request, with the platform's latest answer about it. */
@Entity({ name: 'takedown_target' })
export class TakedownTarget {
  @PrimaryColumn({ type: 'uuid' })
  takedownId: string;

  @PrimaryColumn({ type: 'text' })
  targetId: string;

  @Column({ type: 'text' })
  kind: TakedownTargetKind;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  platformRef: string | null;

  /** The target's identity as de-duplication normalises it (`<kind>:<value>`), to find content uploaded again. */
  @Column({ type: 'text', nullable: true })
  canonical: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: TakedownOutcome | null;

  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  actedAt: Date | null;

  /** The platform's own reference for its action. */
  @Column({ type: 'text', nullable: true })
  platformCaseRef: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** `issuedAt` of the answer that set the outcome: a later-issued answer supersedes it. */
  @Column({ type: 'timestamptz', nullable: true })
  answerIssuedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answerDocumentId: string | null;

  /** When the re-check fetches the URL next (reported removed, with a URL); null when no check is due. */
  @Column({ type: 'timestamptz', nullable: true })
  nextCheckAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  checksDone: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastCheckStatus: number | null;

  /** What the last re-check saw: the content still answers (the platform said it was removed). */
  @Column({ type: 'boolean', nullable: true })
  stillReachable: boolean | null;
}

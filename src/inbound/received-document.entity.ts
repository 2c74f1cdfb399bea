import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ReceivedDocumentPurpose = 'live' | 'conformance';

/** A signed document exactly as a partner sent it (the JWS string), kept as proof and to refuse replays. */
@Entity({ name: 'received_document' })
export class ReceivedDocument {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  sender: string;

  @Column({ type: 'text' })
  purpose: ReceivedDocumentPurpose;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  documentType: string;

  @Column({ type: 'varchar', length: 128 })
  kid: string;

  /** The JWS as received; null for a CaseShare, whose raw identifiers the hub does not keep (jwsSha256 stays). */
  @Column({ type: 'text', nullable: true })
  jws: string | null;

  @Column({ type: 'char', length: 64 })
  jwsSha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}

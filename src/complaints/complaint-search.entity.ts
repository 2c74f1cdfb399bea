import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What text search reads of a complaint: the keyed grams of its narrative, product and
 * seller, normalised (see src/sealing/search-grams.ts), never the text itself. A row of
 * its own, so that the index changes only when the text does, not on every change of the
 * complaint's row.
 */
@Entity({ name: 'complaint_search' })
export class ComplaintSearch {
  @PrimaryColumn({ type: 'uuid' })
  complaintId: string;

  @Column({ type: 'int', array: true })
  grams: number[];

  /** The data key whose search key hashed the grams. */
  @Column({ type: 'text' })
  gramsKid: string;

  /** How the grams were hashed (src/sealing/search-grams.ts). */
  @Column({ type: 'smallint' })
  gramsScheme: number;
}

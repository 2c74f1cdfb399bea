import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What text search reads of a complaint: its narrative, product and seller,
 * normalised (see normaliseForSearch). A row of its own, so that the trigram index
 * changes only when the text does, not on every change of the complaint's row.
 */
@Entity({ name: 'complaint_search' })
export class ComplaintSearch {
  @PrimaryColumn({ type: 'uuid' })
  complaintId: string;

  @Column({ type: 'text' })
  searchText: string;
}

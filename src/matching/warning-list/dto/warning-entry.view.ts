import { ApiProperty } from '@nestjs/swagger';
import { MATCH_KINDS } from '../../../standard/codes.js';
import type { WarningEntry } from '../warning-entry.entity.js';

export class WarningEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MATCH_KINDS }) kind: string;
  @ApiProperty({ description: 'The canonical value (public: an official number or site, not personal data)', example: '+6628888888' }) value: string;
  @ApiProperty({ enum: ['exact', 'domain'] }) scope: string;
  @ApiProperty() label: string;
  @ApiProperty() source: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) removedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) removedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) removalReason: string | null;
}

export class WarningEntryListView {
  @ApiProperty({ type: [WarningEntryView] }) entries: WarningEntryView[];
}

/** What staff see beside an identifier on the list: official, not linked, and whose. */
export class OfficialView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ example: 'K-Contact Center ธนาคารกสิกรไทย 02-888-8888' }) label: string;
  @ApiProperty() source: string;
}

export function toWarningEntryView(entry: WarningEntry): WarningEntryView {
  return {
    id: entry.id, kind: entry.kind, value: entry.value, scope: entry.scope, label: entry.label, source: entry.source, createdBy: entry.createdBy,
    createdAt: entry.createdAt.toISOString(), removedAt: entry.removedAt?.toISOString() ?? null, removedBy: entry.removedBy, removalReason: entry.removalReason,
  };
}

export function toOfficialView(entry: Pick<WarningEntry, 'id' | 'label' | 'source'>): OfficialView {
  return { entryId: entry.id, label: entry.label, source: entry.source };
}

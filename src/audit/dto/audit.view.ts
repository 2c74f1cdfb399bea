import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IndexedAuditEntry } from '../audit.service.js';

export class AuditEntryView {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: 'status_event.accepted' }) action: string;
  @ApiProperty() subjectType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subjectId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) partnerId: string | null;
  @ApiProperty({ enum: ['ok', 'refused'] }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'SHA-256 (hex) of the document the exchange carried' }) documentSha256: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Its index in the Merkle log; null until the sequencer reaches it (within a second or so)' }) leafIndex: number | null;
}

export function toAuditEntryView(entry: IndexedAuditEntry): AuditEntryView {
  return {
    seq: entry.seq, at: entry.at.toISOString(), actor: entry.actor, actorRole: entry.actorRole, action: entry.action, subjectType: entry.subjectType,
    subjectId: entry.subjectId, partnerId: entry.partnerId, outcome: entry.outcome, details: entry.details, documentSha256: entry.documentSha256, leafIndex: entry.leafIndex,
  };
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) entries: AuditEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class LogCheckView {
  @ApiProperty({ description: 'Every indexed entry hashes to its leaf, and the tree gives every checkpoint\'s root' }) intact: boolean;
  @ApiPropertyOptional() treeSize?: number;
  @ApiPropertyOptional({ description: 'Root hash (base64) of the latest checkpoint' }) rootHash?: string;
  @ApiPropertyOptional() checkpoints?: number;
  @ApiPropertyOptional({ description: 'The first thing wrong, in words' }) problem?: string;
  @ApiPropertyOptional({ description: 'The index of the entry found wrong' }) leafIndex?: number;
  @ApiProperty({ description: 'Entries written but not yet given an index by the sequencer' }) unsequenced: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) oldestUnsequencedAt?: string | null;
}

export class CheckpointView {
  @ApiProperty() treeSize: number;
  @ApiProperty({ description: 'base64' }) rootHash: string;
  @ApiProperty({ description: 'The hub signing key that signed it (its JWK is in the JWKS while it verifies; GET /v1/audit/log/keys lists them all)' }) kid: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ description: 'The C2SP signed note: checkpoint text, blank line, the hub\'s signature line, witnesses\' cosignature lines' }) note: string;
}

export class CheckpointPageView {
  @ApiProperty({ type: [CheckpointView] }) checkpoints: CheckpointView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class LogKeysView {
  @ApiProperty({ example: 'ocx.etda.or.th/audit', description: 'The origin line of every checkpoint, and the name of its signature' }) origin: string;
  @ApiProperty({ type: [String], description: 'Verifier keys (`<name>+<key ID hex>+<base64(0x02 ‖ DER SPKI)>`) of every key that has signed checkpoints' }) keys: string[];
}

export class InclusionProofView {
  @ApiProperty() index: number;
  @ApiProperty() treeSize: number;
  @ApiProperty({ description: 'The entry\'s exact bytes (canonical JSON); its leaf hash is SHA-256(0x00 ‖ UTF-8 bytes)' }) entry: string;
  @ApiProperty({ description: 'base64' }) leafHash: string;
  @ApiProperty({ type: [String], description: 'RFC 6962 audit path, base64 hashes, leaf to root' }) proof: string[];
  @ApiProperty({ description: 'The signed checkpoint of treeSize the proof is against' }) checkpoint: string;
}

export class ConsistencyProofView {
  @ApiProperty() first: number;
  @ApiProperty() second: number;
  @ApiProperty({ type: [String], description: 'RFC 6962 consistency proof, base64 hashes' }) proof: string[];
}

export class WitnessView {
  @ApiProperty() name: string;
  @ApiProperty() verifierKey: string;
  @ApiProperty({ description: 'The largest tree it has cosigned' }) lastSize: number;
  @ApiProperty() addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class WitnessListView {
  @ApiProperty({ type: [WitnessView] }) witnesses: WitnessView[];
}

export class CosignatureView {
  @ApiProperty() witness: string;
  @ApiProperty() treeSize: number;
}

export class SequencedView {
  @ApiProperty({ description: 'Entries given an index in this round' }) sequenced: number;
  @ApiProperty() treeSize: number;
  @ApiPropertyOptional({ description: 'The size of the checkpoint signed now, if the log grew' }) checkpoint?: number;
}

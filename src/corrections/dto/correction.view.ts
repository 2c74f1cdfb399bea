import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACKNOWLEDGEMENT_OUTCOMES, type AcknowledgementOutcome } from '../../standard/codes.js';
import type { CorrectionRecord } from '../correction.entity.js';

/** A Correction or Retraction as its agency sees it: what it was, by when to answer, and its answer. */
export class AgencyCorrectionView {
  @ApiProperty({ format: 'uuid', description: 'The id of the signed document' }) documentId: string;
  @ApiProperty({ enum: ['ocx.correction', 'ocx.retraction'] }) type: string;
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty() partnerId: string;
  @ApiProperty({ description: 'The reason code of the document' }) reason: string;
  @ApiProperty({ description: "Its number in the referral's stream (§4.7)" }) sequence: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time' }) acknowledgeBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, enum: ACKNOWLEDGEMENT_OUTCOMES, nullable: true }) acknowledgementOutcome: AcknowledgementOutcome | null;
  @ApiProperty({ type: String, nullable: true, description: 'With outcome retained: the law under which the agency keeps the data' }) retentionBasis: string | null;
  @ApiProperty({ description: 'Past its deadline and not acknowledged' }) overdue: boolean;
}

/** As 1212's staff see it: also who issued it and how often the hub chased it. */
export class CorrectionView extends AgencyCorrectionView {
  @ApiProperty({ format: 'uuid', description: 'The complaint corrected or withdrawn' }) complaintId: string;
  @ApiProperty({ description: 'The staff member who issued it' }) createdBy: string;
  @ApiProperty({ description: 'How many times the hub sent it again because it was late' }) chaseCount: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) chasedAt: string | null;
}

export class CorrectionResultView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ type: [CorrectionView], description: 'One per agency reached' }) corrections: CorrectionView[];
}

export class CorrectionListView {
  @ApiProperty({ type: [CorrectionView] }) corrections: CorrectionView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PartnerCorrectionView extends AgencyCorrectionView {
  @ApiProperty({
    description: 'The compact JWS exactly as signed: verify it with the hub keys',
    oneOf: [{ $ref: '#/components/schemas/OcxCorrectionJws' }, { $ref: '#/components/schemas/OcxRetractionJws' }],
  })
  jws: string;
}

export class PartnerCorrectionListView {
  @ApiProperty({ type: [PartnerCorrectionView], description: 'Oldest first' }) corrections: PartnerCorrectionView[];
  @ApiProperty({ type: String, nullable: true, description: 'Keep it and send it again later: only what arrived since comes back' }) nextCursor: string | null;
}

export function toAgencyCorrectionView(record: CorrectionRecord, now: Date): AgencyCorrectionView {
  return {
    documentId: record.documentId,
    type: `ocx.${record.kind}`,
    referralId: record.referralId,
    partnerId: record.partnerId,
    reason: record.reason,
    sequence: record.sequence,
    issuedAt: record.createdAt.toISOString(),
    acknowledgeBy: record.acknowledgeBy.toISOString(),
    acknowledgedAt: record.acknowledgedAt?.toISOString() ?? null,
    acknowledgementOutcome: record.acknowledgementOutcome,
    retentionBasis: record.retentionBasis,
    overdue: record.acknowledgedAt === null && record.acknowledgeBy.getTime() <= now.getTime(),
  };
}

export function toCorrectionView(record: CorrectionRecord, now: Date): CorrectionView {
  return { ...toAgencyCorrectionView(record, now), complaintId: record.complaintId, createdBy: record.createdBy, chaseCount: record.chaseCount, chasedAt: record.chasedAt?.toISOString() ?? null };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TAKEDOWN_ACTIONS, TAKEDOWN_OUTCOMES, TAKEDOWN_STATUSES, TAKEDOWN_TARGET_KINDS, type TakedownAction, type TakedownOutcome, type TakedownStatus, type TakedownTargetKind } from '../../standard/codes.js';
import type { TakedownTarget } from '../takedown-target.entity.js';
import type { Takedown } from '../takedown.entity.js';

export class TakedownLegalBasisView {
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional() court?: string;
  @ApiPropertyOptional() orderNumber?: string;
  @ApiPropertyOptional({ format: 'date' }) orderDate?: string;
  @ApiPropertyOptional() issuingAuthority?: string;
  @ApiPropertyOptional() reference?: string;
}

export class TakedownTargetView {
  @ApiProperty() targetId: string;
  @ApiProperty({ enum: TAKEDOWN_TARGET_KINDS }) kind: TakedownTargetKind;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) platformRef: string | null;
  @ApiProperty({ enum: TAKEDOWN_OUTCOMES, nullable: true, description: 'The latest answer; null until the platform answers' }) outcome: TakedownOutcome | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The platform's own reference" }) platformCaseRef: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: () => TakedownRecheckView, nullable: true, description: "What the hub's own re-check saw (TAKEDOWN_RECHECK), for content reported removed; null before any check" }) recheck: TakedownRecheckView | null;
}

export class TakedownRecheckView {
  @ApiProperty() checks: number;
  @ApiProperty({ format: 'date-time' }) lastCheckedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The HTTP status the URL answered; null when it did not answer' }) lastStatus: number | null;
  @ApiProperty({ description: 'The URL still answered 2xx: the platform said removed, but it is not' }) stillReachable: boolean;
}

export class TakedownView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() platformId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Staff only' }) complaintId?: string | null;
  @ApiProperty({ enum: TAKEDOWN_STATUSES }) status: TakedownStatus;
  @ApiProperty({ type: TakedownLegalBasisView }) legalBasis: TakedownLegalBasisView;
  @ApiProperty({ enum: TAKEDOWN_ACTIONS }) requestedAction: TakedownAction;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ description: 'Past its deadline and not completed' }) overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the hub recorded it overdue' }) overdueAt: string | null;
  @ApiProperty({ format: 'uuid', description: 'The id of the signed TakedownRequest' }) documentId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) follows: string | null;
  @ApiProperty({ type: [TakedownTargetView] }) targets: TakedownTargetView[];
  @ApiPropertyOptional({ description: 'Staff only' }) createdBy?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class IssuedTakedownsView {
  @ApiProperty({ type: [TakedownView], description: 'One request per platform' }) takedowns: TakedownView[];
}

export class TakedownPageView {
  @ApiProperty({ type: [TakedownView] }) takedowns: TakedownView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class PartnerTakedownView {
  @ApiProperty({ type: TakedownView }) takedown: TakedownView;
  @ApiProperty({ allOf: [{ $ref: '#/components/schemas/OcxTakedownRequest' }], description: 'The TakedownRequest document (the payload of `jws`)' }) document: Record<string, unknown>;
  @ApiProperty({ description: 'The signed TakedownRequest (compact JWS): verify it with the hub\'s JWKS' }) jws: string;
}

export class TakedownPlatformFigures {
  @ApiProperty() platformId: string;
  @ApiProperty() requests: number;
  @ApiProperty() targets: number;
  @ApiProperty({ description: 'Requests completed before their deadline, over requests whose deadline has passed or that are completed' }) answeredInTimeShare: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Hours from issue to the action, per answered target' }) medianHoursToAction: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90HoursToAction: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) outcomes: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) refusalReasons: Record<string, number>;
  @ApiProperty() overdue: number;
}

export class TakedownStatisticsView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [TakedownPlatformFigures] }) platforms: TakedownPlatformFigures[];
}

/** A complaint's identifier that a platform reported taken down before: the content is back. */
export class ReuploadView {
  @ApiProperty({ description: "The complaint's identifier, as reported" }) value: string;
  @ApiProperty({ format: 'uuid' }) takedownId: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty() platformId: string;
  @ApiProperty({ enum: ['removed', 'restricted', 'restricted_in_th', 'account_suspended', 'already_removed'] }) outcome: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) earlierComplaintId: string | null;
}

/** Content reported taken down that a partner's shared case names again. */
export class CaseShareReuploadView {
  @ApiProperty({ format: 'uuid' }) takedownId: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty() platformId: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: string | null;
  @ApiProperty({ description: 'The partner whose shared case names it' }) partnerId: string;
  @ApiProperty() partnerCaseNumber: string;
  @ApiProperty({ format: 'date-time' }) foundAt: string;
}

export class CaseShareReuploadPageView {
  @ApiProperty({ type: [CaseShareReuploadView] }) reuploads: CaseShareReuploadView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class ReuploadListView {
  @ApiProperty({ type: [ReuploadView] }) reuploads: ReuploadView[];
}

export function toTakedownView(takedown: Takedown, targets: TakedownTarget[], now: Date, audience: 'staff' | 'platform'): TakedownView {
  const { code: _code, version: _version, ...fields } = takedown.legalBasis;
  return {
    id: takedown.id,
    platformId: takedown.platformId,
    ...(audience === 'staff' ? { complaintId: takedown.complaintId } : {}),
    status: takedown.status,
    legalBasis: { code: takedown.legalBasisCode, version: takedown.legalBasisVersion, ...fields },
    requestedAction: takedown.requestedAction,
    deadline: takedown.deadline.toISOString(),
    overdue: takedown.status !== 'completed' && takedown.deadline.getTime() <= now.getTime(),
    overdueAt: takedown.overdueAt?.toISOString() ?? null,
    documentId: takedown.documentId,
    follows: takedown.follows,
    targets: targets.map((target) => ({
      targetId: target.targetId, kind: target.kind, url: target.url, platformRef: target.platformRef, outcome: target.outcome, reasonCode: target.reasonCode,
      reason: target.reason, actedAt: target.actedAt?.toISOString() ?? null, platformCaseRef: target.platformCaseRef, answeredAt: target.answeredAt?.toISOString() ?? null,
      recheck: target.lastCheckedAt ? { checks: target.checksDone, lastCheckedAt: target.lastCheckedAt.toISOString(), lastStatus: target.lastCheckStatus, stillReachable: target.stillReachable === true } : null,
    })),
    ...(audience === 'staff' ? { createdBy: takedown.createdBy } : {}),
    createdAt: takedown.createdAt.toISOString(),
    updatedAt: takedown.updatedAt.toISOString(),
  };
}

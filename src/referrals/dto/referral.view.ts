import { TakedownView } from '../../takedowns/dto/takedown.view.js';
import type { Referral } from '../referral.entity.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTNER_KINDS, REFERRAL_REASON_CODES, REFERRAL_STATUSES, REQUESTED_ACTIONS, type PartnerKind, type ReferralStatus, type RequestedAction } from '../../standard/codes.js';
import { DATA_CLASSES, type DataClass } from '../../standard/data-classes.js';
import type { ReferralEvent } from '../referral-event.entity.js';

export class ReferralListView {
  @ApiProperty({ type: () => [ReferralView] }) referrals: ReferralView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class ReferralEventView {
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ enum: ['hub', 'partner', 'staff'] }) source: string;
  @ApiProperty() actor: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) documentId: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() partnerId: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REQUESTED_ACTIONS }) requestedAction: RequestedAction;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'With status transferred: the agency the partner named' }) transferTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'The referral dispatched when staff confirmed the transfer' }) transferredAs?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The agency's own case number (partnerCaseNumber of its latest StatusEvent that gave one)" }) partnerCaseNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: REFERRAL_REASON_CODES, description: "The reason code of the agency's latest StatusEvent that gave one" }) reasonCode?: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: [ReferralEventView] }) history?: ReferralEventView[];
}

export class DispatchResultView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ type: [ReferralView] }) referrals: ReferralView[];
}

export class TimelineView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() referenceCode: string;
  @ApiProperty({ type: [ReferralView] }) referrals: ReferralView[];
  @ApiProperty({ type: [TakedownView], description: 'Takedown requests issued from the complaint: answers per target, deadline, overdue' }) takedowns: TakedownView[];
}

export class TrackedReferralView {
  @ApiProperty() agencyTh: string;
  @ApiProperty() agencyEn: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The agency's own case number, to quote when contacting it" }) agencyCaseNumber: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ format: 'date-time' }) since: string;
}

/** That content is being taken down, without saying which (a complainant needs no more, and the targets are not theirs to publish). */
export class TrackedTakedownsView {
  @ApiProperty({ description: 'Requests to platforms still in progress' }) inProgress: number;
  @ApiProperty({ description: 'Requests the platforms have completed' }) completed: number;
}

export class TrackingView {
  @ApiProperty() referenceCode: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: [TrackedReferralView] }) agencies: TrackedReferralView[];
  @ApiProperty({ type: TrackedTakedownsView }) takedowns: TrackedTakedownsView;
}

/**
 * A referral as its agency sees it (the partner API): no id of 1212's complaint record, and not who at 1212 dispatched
 * it (a staff login is often a person's name). The agency knows the case by the referral id and the reference code.
 */
export class AgencyReferralView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() partnerId: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REQUESTED_ACTIONS }) requestedAction: RequestedAction;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The dispatcher's note to the agency (requestedAction.note of the document)" }) note: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'With status transferred: the agency the partner named' }) transferTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'The referral dispatched when staff confirmed the transfer' }) transferredAs?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Your own case number, as your latest StatusEvent that gave one said' }) partnerCaseNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: REFERRAL_REASON_CODES, description: 'The reason code of your latest StatusEvent that gave one' }) reasonCode?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The agency's view of a referral's staff view. */
export function toAgencyReferralView(view: ReferralView): AgencyReferralView {
  const { complaintId: _complaintId, createdBy: _createdBy, history: _history, ...agency } = view;
  return agency;
}

type ReferralFields = Omit<Referral, 'transferTo' | 'transferredAs' | 'updatedAt' | 'feedSeq' | 'acknowledgedAt' | 'closedAt' | 'resolution' | 'partnerCaseNumber' | 'reasonCode' | 'partnerSequence'> & Partial<Pick<Referral, 'transferTo' | 'transferredAs' | 'partnerCaseNumber' | 'reasonCode'>>;

export function toReferralView(referral: ReferralFields, history?: ReferralEvent[]): ReferralView {
  return {
    id: referral.id,
    complaintId: referral.complaintId,
    partnerId: referral.partnerId,
    status: referral.status,
    version: referral.version,
    requestedAction: referral.requestedAction,
    note: referral.note,
    dueAt: referral.dueAt.toISOString(),
    transferTo: referral.transferTo ?? null,
    transferredAs: referral.transferredAs ?? null,
    partnerCaseNumber: referral.partnerCaseNumber ?? null,
    reasonCode: referral.reasonCode ?? null,
    createdBy: referral.createdBy,
    createdAt: referral.createdAt.toISOString(),
    ...(history
      ? { history: history.map((event) => ({ status: event.status, source: event.source, actor: event.actor, note: event.note, documentId: event.documentId, occurredAt: event.occurredAt.toISOString() })) }
      : {}),
  };
}

export class ReferralPreviewView {
  @ApiProperty() partnerId: string;
  @ApiProperty({ enum: PARTNER_KINDS, description: 'What the agency is decides what it receives by default' }) partnerKind: PartnerKind;
  @ApiProperty({ enum: DATA_CLASSES, isArray: true, description: 'The data classes the document would carry (§2.1)' }) dataClasses: DataClass[];
  @ApiProperty({ enum: DATA_CLASSES, isArray: true, description: "What the agency's legal basis covers: the most it may receive" }) coveredDataClasses: DataClass[];
  @ApiProperty({ enum: DATA_CLASSES, isArray: true, description: 'What it receives when the dispatcher does not choose' }) defaultDataClasses: DataClass[];
  @ApiProperty({ enum: DATA_CLASSES, isArray: true, description: 'Classes chosen that its legal basis does not cover: a dispatch with this choice is refused' }) refusedDataClasses: DataClass[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The complainant exactly as this agency would see it' }) complainant: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Every classified member disclosed (the disclosure record of the document)', example: ['complainant.name', 'complainant.phone', 'complaint.narrative'] }) fieldsShared: string[];
  @ApiProperty({ type: [String], description: "Complainant fields the complaint has that this agency would not receive", example: ['complainant.nationalId'] }) withheld: string[];
  @ApiProperty({ example: 'public_task' }) basis: string;
  @ApiProperty({ format: 'date', description: 'Until when the agency may keep the personal data' }) retainUntil: string;
  @ApiProperty({ type: [String], description: 'The complaint members the document carries', example: ['narrative', 'subjects', 'transaction'] }) complaintMembers: string[];
  @ApiProperty({ description: 'Identifiers of complaint.subjects the document lists' }) subjects: number;
  @ApiProperty({ description: 'Evidence files listed in the signed manifest' }) evidenceFiles: number;
}

export class ReferralPreviewListView {
  @ApiProperty({ type: [ReferralPreviewView] }) previews: ReferralPreviewView[];
}

import { OfficialView } from '../../warning-list/dto/warning-entry.view.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IDENTIFIER_TYPES } from '../../../standard/codes.js';

export class IdentifierSummaryView {
  @ApiProperty({ description: 'Opaque reference (the keyed hash), to split this identifier off', example: '9f2c…' }) ref: string;
  @ApiProperty({ enum: IDENTIFIER_TYPES }) identifierType: string;
  @ApiProperty({ enum: ['strong', 'weak'], description: 'Strong identifiers link cases; weak ones (names) only suggest' }) strength: 'strong' | 'weak';
  @ApiProperty({ example: '+66 81 xxx x678' }) maskedValue: string;
  @ApiProperty({ description: 'False once staff split it off: it links nothing' }) linking: boolean;
}

export class CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [String], description: '`1212` and the agencies a complaint was referred to, or the partner that shared the case', example: ['1212', 'ocpb'] }) agencies: string[];
  @ApiProperty({ description: "The complaint's reference code, or the sharing partner's case number" }) caseRef: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) complaintId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "For a shared case: the 1212 referral it restates (the agency's own record of a case 1212 referred to it)" }) restatesReferralId: string | null;
  @ApiProperty() category: string;
  @ApiProperty({ type: String, nullable: true }) subCategory: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
}

export class LinkedCaseView extends CaseSummaryView {
  @ApiProperty({ type: [IdentifierSummaryView], description: 'What links it: identifiers shared with this case, or, through a chain, those that put it in the cluster' }) via: IdentifierSummaryView[];
}

export class SuggestionView extends CaseSummaryView {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Shared weak identifiers (rarer names count more) and agreement on category; a suggestion never merges' }) score: number;
  @ApiProperty({ type: [IdentifierSummaryView] }) via: IdentifierSummaryView[];
}

export class ComplaintMatchesView {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ type: [IdentifierSummaryView], description: "This complaint's identifiers as indexed (values masked)" }) identifiers: IdentifierSummaryView[];
  @ApiProperty({ type: [LinkedCaseView], description: 'Cases in the same cluster: they share a strong identifier, directly or through others' }) linked: LinkedCaseView[];
  @ApiProperty({ type: [SuggestionView], description: 'Cases outside the cluster sharing a name: for staff to look at, never merged' }) suggestions: SuggestionView[];
}

export class ClusterCaseView extends CaseSummaryView {
  @ApiProperty({ type: [IdentifierSummaryView] }) identifiers: IdentifierSummaryView[];
}

export class ClusterView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [String] }) agencies: string[];
  @ApiProperty({ type: [ClusterCaseView] }) cases: ClusterCaseView[];
}

export class SplitResultView {
  @ApiProperty({ type: [String], description: 'The clusters the old one became (the largest part keeps its id)' }) clusterIds: string[];
}

export class MatchLineView {
  @ApiProperty({ description: 'An agency holding a linked case (`1212` for the hub\'s own complaints)' }) partnerId: string;
  @ApiProperty({ enum: IDENTIFIER_TYPES }) identifierType: string;
  @ApiProperty({ example: '+66 81 xxx x678' }) maskedValue: string;
  @ApiProperty({ format: 'date-time' }) linkedAt: string;
}

export class YourCaseView {
  @ApiPropertyOptional({ format: 'uuid' }) referralId?: string;
  @ApiPropertyOptional() partnerCaseNumber?: string;
}

export class PartnerMatchView {
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ type: YourCaseView }) yourCase: YourCaseView;
  @ApiProperty({ type: [MatchLineView] }) matches: MatchLineView[];
}

export class PartnerMatchesView {
  @ApiProperty({ type: [PartnerMatchView], description: 'Your cases linked to other agencies\' cases, most recently linked first' }) matches: PartnerMatchView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;

}

export class MatchNoticeEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The signed MatchNotice (compact JWS); verify it with the hub\'s JWKS' }) jws: string;
  @ApiProperty() position: number;
}

export class MatchNoticeFeedView {
  @ApiProperty({ type: [MatchNoticeEntryView] }) notices: MatchNoticeEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null when you are up to date' }) nextCursor: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where to poll from later: after the last notice of this page (your own cursor when the page is empty); null only before your first notice. Keep it between polls.',
  })
  pollCursor: string | null;
}

export class IdentifierLookupView {
  @ApiProperty({ enum: IDENTIFIER_TYPES }) identifierType: string;
  @ApiProperty({ example: '+66 81 xxx x678' }) maskedValue: string;
  @ApiProperty({ enum: ['strong', 'weak'] }) strength: 'strong' | 'weak';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The cluster of a strong identifier already known' }) clusterId: string | null;
  @ApiProperty({ type: [CaseSummaryView], description: 'Cases quoting it, newest first (at most 50)' }) cases: CaseSummaryView[];
  @ApiPropertyOptional({ type: OfficialView, description: "On the warning list: an official number or site (a bank's call centre, a government service), not linked: no case is listed" })
  official?: OfficialView;
}

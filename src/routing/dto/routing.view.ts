import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, type Category, type SubCategory } from '../../standard/codes.js';
import type { RoutingRule } from '../routing-rule.entity.js';

export class RoutingRuleView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiPropertyOptional({ type: String, nullable: true }) subCategory: SubCategory | null;
  @ApiProperty() partnerId: string;
  @ApiProperty() priority: number;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
}

export class RoutingRuleListView {
  @ApiProperty({ type: [RoutingRuleView] }) rules: RoutingRuleView[];
}

export class RoutingSuggestionView {
  @ApiProperty({ example: 'ocpb' }) partnerId: string;
  @ApiProperty() nameTh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ type: RoutingRuleView, description: 'The rule that matched' }) rule: RoutingRuleView;
}

export class RoutingSuggestionsView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ type: [RoutingSuggestionView] }) suggestions: RoutingSuggestionView[];
}

export class RoutingRuleFeedbackView {
  @ApiPropertyOptional({ type: RoutingRuleView, nullable: true, description: 'The rule that sends this kind of complaint to the agency; null for referrals no rule sends (dispatched by hand)' }) rule: RoutingRuleView | null;
  @ApiProperty({ example: 'ocpb' }) partnerId: string;
  @ApiProperty({ type: 'integer', description: 'Referrals dispatched in the period' }) referrals: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'By their current status' }) byStatus: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: "By the reason code of the agency's feedback (StatusEvent reasonCode)" }) byReason: Record<string, number>;
  @ApiProperty({ type: 'number', nullable: true, description: 'Share of the referrals the agency rejected or transferred (0–1): high means the rule sends it cases that are not its own' }) turnedAwayShare: number | null;
}

export class RoutingFeedbackView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [RoutingRuleFeedbackView], description: 'Most turned away first' }) rules: RoutingRuleFeedbackView[];
}

export function toRoutingRuleView(rule: RoutingRule): RoutingRuleView {
  return { id: rule.id, category: rule.category, subCategory: rule.subCategory, partnerId: rule.partnerId, priority: rule.priority, note: rule.note };
}

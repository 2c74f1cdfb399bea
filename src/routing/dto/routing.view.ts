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

export function toRoutingRuleView(rule: RoutingRule): RoutingRuleView {
  return { id: rule.id, category: rule.category, subCategory: rule.subCategory, partnerId: rule.partnerId, priority: rule.priority, note: rule.note };
}

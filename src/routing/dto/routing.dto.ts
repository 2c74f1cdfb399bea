import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORIES, SUB_CATEGORIES, type Category, type SubCategory } from '../../standard/codes.js';
import { IsSubCategoryOf } from '../../standard/documents/document-validators.js';
import type { RoutingRule } from '../routing-rule.entity.js';

export class CreateRoutingRuleDto {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) @IsDefined({ message: '$property is required' }) category: Category;
  @ApiPropertyOptional({ enum: Object.values(SUB_CATEGORIES).flat(), description: 'Omit for every sub-category' }) @IsOptional() @IsSubCategoryOf('category') subCategory?: SubCategory;
  @ApiProperty({ example: 'ocpb' }) @Matches(/^[a-z][a-z0-9-]{1,39}$/) @IsDefined({ message: '$property is required' }) partnerId: string;
  @ApiProperty({ description: 'Lower comes first', example: 10 }) @Max(1000) @Min(0) @IsInt() @IsDefined({ message: '$property is required' }) priority: number;
  @ApiPropertyOptional({ example: 'สินค้าสุขภาพผิดกฎหมาย' }) @IsOptional() @Length(1, 500) @IsString() note?: string;
}

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

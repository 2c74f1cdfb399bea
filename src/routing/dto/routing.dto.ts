import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORIES, SUB_CATEGORIES, type Category, type SubCategory } from '../../standard/codes.js';
import { IsSubCategoryOf } from '../../standard/documents/document-validators.js';
import { Optional } from '../../common/optional.decorator.js';

export class CreateRoutingRuleDto {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) @IsDefined({ message: '$property is required' }) category: Category;
  @ApiPropertyOptional({ enum: Object.values(SUB_CATEGORIES).flat(), description: 'Omit for every sub-category' }) @Optional() @IsSubCategoryOf('category') subCategory?: SubCategory;
  @ApiProperty({ example: 'ocpb' }) @Matches(/^[a-z][a-z0-9-]{1,39}$/) @IsDefined({ message: '$property is required' }) partnerId: string;
  @ApiProperty({ description: 'Lower comes first', example: 10 }) @Max(1000) @Min(0) @IsInt() @IsDefined({ message: '$property is required' }) priority: number;
  @ApiPropertyOptional({ example: 'สินค้าสุขภาพผิดกฎหมาย' }) @Optional() @Length(1, 500) @IsString() note?: string;
}

export class RoutingFeedbackQuery {
  @ApiProperty({ format: 'date-time', description: 'From (inclusive), by the time referrals were dispatched' }) @IsISO8601({ strict: true }) @IsDefined({ message: '$property is required' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'To (exclusive)' }) @IsISO8601({ strict: true }) @IsDefined({ message: '$property is required' }) to: string;
}

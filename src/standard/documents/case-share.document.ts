import { ArrayMaxSize, ArrayMinSize, Equals, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CATEGORIES, type Category, type SubCategory } from '../codes.js';
import { IsOcxDateTime, IsSubCategoryOf, PATTERNS } from './document-validators.js';
import { Identifier, Money, nested, nestedEach, OcxDocument } from './shared.document.js';

/** OCX v1 CaseShare (case-share.schema.json). */
export class CaseShareDocument extends OcxDocument {
  @Equals('ocx.case-share') declare type: 'ocx.case-share';
  @Matches(PATTERNS.partnerId) partnerId: string;
  @IsString() @Length(1, 100) partnerCaseNumber: string;
  @IsOptional() @Matches(PATTERNS.uuid) referralId?: string;
  @IsOcxDateTime() receivedAt: string;
  @IsIn(CATEGORIES) category: Category;
  @IsOptional() @IsSubCategoryOf('category') subCategory?: SubCategory;
  @IsOptional() @IsString() @Length(1, 2000) summary?: string;
  @IsOptional() @nested(() => Money) amountLost?: Money;
  @nestedEach(() => Identifier) @ArrayMinSize(1) @ArrayMaxSize(100) subjects: Identifier[];
}

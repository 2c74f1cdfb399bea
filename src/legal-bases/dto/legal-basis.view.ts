import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TAKEDOWN_ACTIONS, type TakedownAction } from '../../standard/codes.js';
import type { LegalBasis } from '../legal-basis.entity.js';

export class LegalBasisView {
  @ApiProperty({ example: 'cca_s20_court_order' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty() titleTh: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) effectiveTo: string | null;
  @ApiProperty({ type: [String] }) requiredFields: string[];
  @ApiProperty({ enum: TAKEDOWN_ACTIONS, isArray: true }) allowedActions: TakedownAction[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) defaultDeadlines: Record<string, string>;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LegalBasisListView {
  @ApiProperty({ type: [LegalBasisView] }) legalBases: LegalBasisView[];
}

export function toLegalBasisView(basis: LegalBasis): LegalBasisView {
  return {
    code: basis.code, version: basis.version, titleTh: basis.titleTh, titleEn: basis.titleEn, effectiveFrom: basis.effectiveFrom, effectiveTo: basis.effectiveTo,
    requiredFields: basis.requiredFields, allowedActions: basis.allowedActions, defaultDeadlines: basis.defaultDeadlines as Record<string, string>,
    createdBy: basis.createdBy, createdAt: basis.createdAt.toISOString(),
  };
}

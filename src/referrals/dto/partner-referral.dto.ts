import { CursorQuery } from '../../common/cursor-query.dto.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../standard/codes.js';
import { Optional } from '../../common/optional.decorator.js';

export class FeedQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @Optional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @Optional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

export class ReferralDocumentsQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Only the documents numbered after this one (the last number you processed)' })
  @Optional() @Max(1_000_000) @Min(0) @IsInt() @Type(() => Number) after?: number;
}

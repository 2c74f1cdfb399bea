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

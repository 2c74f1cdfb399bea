import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../standard/codes.js';

export class FeedQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @Length(1, 100) @IsString() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { OutboxStatus } from '../outbox-message.entity.js';
import { Optional } from '../../common/optional.decorator.js';

export class ListDeliveriesQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'dead'] }) @Optional() @IsIn(['pending', 'delivered', 'dead']) status?: OutboxStatus;
  @ApiPropertyOptional({ description: 'Only pushes to this partner' }) @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

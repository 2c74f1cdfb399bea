import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/optional.decorator.js';

export class ReferralDocumentsQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Only the documents numbered after this one (the last number you processed)' })
  @Optional() @Max(1_000_000) @Min(0) @IsInt() @Type(() => Number) after?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from './optional.decorator.js';

/** The `cursor` of every paged list (common/paging.ts); each list adds its `limit` and filters. */
export class CursorQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (opaque); absent for the first page' })
  @Optional() @Length(1, 200) @IsString() cursor?: string;
}

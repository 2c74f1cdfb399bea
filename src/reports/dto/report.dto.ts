import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CursorQuery } from '../../common/cursor-query.dto.js';
import { Optional } from '../../common/optional.decorator.js';
import { PERIOD_KINDS, type PeriodKind } from '../report-period.js';
import { REPORT_FORMATS, type ReportFormat } from '../report-files.js';
import { TABLE_NAMES, type TableName } from '../report-tables.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which period: the one holding `date` (Bangkok calendar), or by default the last one that has ended. */
export class ReportPeriodQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'A day inside the period (Bangkok calendar); default: the last period that has ended' })
  @Optional() @IsString() @Matches(DATE, { message: 'date must be a calendar date, YYYY-MM-DD' }) date?: string;
}

export class ReportFileQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' }) @Optional() @IsIn(REPORT_FORMATS) format?: ReportFormat;
  @ApiPropertyOptional({ enum: TABLE_NAMES, description: 'With format=csv: the table to give (required)' }) @Optional() @IsIn(TABLE_NAMES) table?: TableName;
  @ApiPropertyOptional({ minimum: 1, description: 'A kept run of the period (default: the latest ready one)' }) @Optional() @Max(100000) @Min(1) @IsInt() @Type(() => Number) version?: number;
}

export class DashboardQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: PERIOD_KINDS, default: 'day' }) @Optional() @IsIn(PERIOD_KINDS) period?: PeriodKind;
  @ApiPropertyOptional({ example: 'ocpb', description: "One agency's figures (a partner always gets its own)" })
  @Optional() @IsString() @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'agency must be a partner id' }) agency?: string;
}

export class ReportRunsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: PERIOD_KINDS }) @Optional() @IsIn(PERIOD_KINDS) kind?: PeriodKind;
  @ApiPropertyOptional({ example: '2026-11', description: 'A period key (`2026-11-30`, `2026-W48`, `2026-11`, `2026-Q4`, `2026`)' })
  @Optional() @IsString() @Matches(/^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?$/, { message: 'period must be a period key such as 2026-11 or 2026-W48' }) period?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @Optional() @Max(200) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

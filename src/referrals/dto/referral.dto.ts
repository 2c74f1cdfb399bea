import { CursorQuery } from '../../common/cursor-query.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UpdateComplaintDto } from '../../complaints/dto/complaint.dto.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsDefined, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DATA_CLASSES, isDataClass, type DataClass } from '../../standard/data-classes.js';
import { COMPLAINANT_FIELDS, REFERRAL_STATUSES, REQUESTED_ACTIONS, type ComplainantField, type ReferralStatus, type RequestedAction } from '../../standard/codes.js';
import { Optional } from '../../common/optional.decorator.js';
import { CommonError } from '../../common/common.errors.js';

export class DispatchReferralsDto {
  @ApiProperty({ description: 'The agencies to refer to (one referral each)', example: ['ocpb', 'tcsd'] })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { each: true, message: 'each partner must be a partner id' })
  @ArrayUnique()
  @ArrayMaxSize(20)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  partners: string[];

  @ApiPropertyOptional({ enum: REQUESTED_ACTIONS, default: 'investigate' }) @Optional() @IsIn(REQUESTED_ACTIONS) requestedAction?: RequestedAction;
  @ApiPropertyOptional({ description: 'A note to the agencies', example: 'ผู้เสียหายต้องการเงินคืน' }) @Optional() @Length(1, 4000) @IsString() note?: string;
  @ApiPropertyOptional({ description: 'Default: now + the agency\'s resolve target', example: '2026-12-20T17:00:00+07:00' }) @Optional() @IsDateString({ strict: true }) dueAt?: string;
  @ApiPropertyOptional({
    enum: COMPLAINANT_FIELDS, isArray: true, example: ['phone'],
    description: "The complainant's fields the agencies of this dispatch receive, and every later version of their referrals (PDPA s.22: no more than they need). Default: the name and every way to reach the complainant. A platform never receives any. An empty list shares none.",
  })
  @Optional() @IsIn(COMPLAINANT_FIELDS, { each: true }) @ArrayUnique() @ArrayMaxSize(COMPLAINANT_FIELDS.length) @IsArray() complainantFields?: ComplainantField[];

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'array', items: { type: 'string', enum: [...DATA_CLASSES] }, uniqueItems: true },
    example: { kbank: ['financial', 'evidence'] },
    description: "The data classes (schemas/README.md §2.1) each agency of this dispatch receives, by partner id, for this and every later version of its referral. An agency not named gets its kind's default within what its legal basis covers. A class its legal basis does not cover is refused (422 REFERRAL_DATA_CLASS_NOT_COVERED) and nothing is dispatched.",
  })
  @Optional() @IsDataClassChoice() dataClasses?: Record<string, DataClass[]>;
}

/** The preview's `dataClasses` (`kbank:financial+evidence;tcsd:narrative`) as a dispatch's; an unknown class is a 422. */
export function parseDataClassChoice(text: string): Record<string, DataClass[]> {
  const choice: Record<string, DataClass[]> = {};
  for (const part of text.split(';')) {
    const [partnerId, classes] = part.split(':') as [string, string];
    const named = classes.split('+').filter(Boolean);
    const unknown = named.filter((dataClass) => !isDataClass(dataClass));
    if (unknown.length > 0) throw new CommonError('VALIDATION_FAILED', `dataClasses names no such data class: ${unknown.join(', ')} (the classes: ${DATA_CLASSES.join(', ')}).`, {}, [{ path: 'dataClasses', message: `${unknown.join(', ')} is not a data class` }]);
    choice[partnerId] = named as DataClass[];
  }
  return choice;
}

/** `dataClasses` of a dispatch: partner ids (at most 20) to lists of distinct data classes. */
function IsDataClassChoice(): PropertyDecorator {
  return ValidateBy({
    name: 'isDataClassChoice',
    validator: {
      validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length <= 20
        && Object.entries(value).every(([partnerId, classes]) => /^[a-z][a-z0-9-]{1,39}$/.test(partnerId) && Array.isArray(classes)
          && classes.every((dataClass) => typeof dataClass === 'string' && isDataClass(dataClass)) && new Set(classes).size === classes.length),
      defaultMessage: () => `dataClasses must map partner ids to lists of distinct data classes (${DATA_CLASSES.join(', ')})`,
    },
  });
}

export class AmendComplaintDto extends UpdateComplaintDto {
  @ApiProperty({ description: 'Why the complaint changes; the agencies see it in the referral history', example: 'ผู้ร้องส่งใบแจ้งความเพิ่มเติม' })
  @Length(1, 1000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  reason: string;
}

export class InformationAnswerDto {
  @ApiProperty({ description: 'The answer to the agency (add files to the complaint\'s evidence first: the new version lists them)', example: 'แนบสำเนาใบแจ้งความ สภ.เมืองเชียงใหม่ เลขที่ 123/2569 แล้ว' })
  @Length(1, 4000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  text: string;
}

export class ReferralPreviewQuery {
  @ApiProperty({ description: 'The agencies to preview, comma-separated (at most 20)', example: 'ocpb,tcsd' })
  @Matches(/^[a-z][a-z0-9-]{1,39}(,[a-z][a-z0-9-]{1,39}){0,19}$/, { message: 'partners must be 1 to 20 partner ids, comma-separated' })
  @IsDefined({ message: '$property is required' })
  partners: string;

  @ApiPropertyOptional({ description: "The complainant's fields the dispatch would share, comma-separated (as complainantFields of the dispatch); empty for none; absent for the default", example: 'name,phone' })
  @Optional() @Matches(/^((name|phone|email|lineId)(,(name|phone|email|lineId)){0,3})?$/, { message: 'complainantFields must be name, phone, email and lineId, comma-separated' })
  complainantFields?: string;

  @ApiPropertyOptional({ description: "The data classes the dispatch would choose, as dataClasses of the dispatch: `partner:class+class`, separated by `;` (an agency not named: its default)", example: 'kbank:financial+evidence;tcsd:identity+contact+narrative' })
  @Optional() @Matches(/^([a-z][a-z0-9-]{1,39}:([a-z]+(\+[a-z]+){0,5})?)(;[a-z][a-z0-9-]{1,39}:([a-z]+(\+[a-z]+){0,5})?){0,19}$/, { message: 'dataClasses must be partner:class+class, separated by ;' })
  dataClasses?: string;
}

export class ListReferralsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: '`info_requested`: the questions from agencies, answered or not' }) @Optional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: "Only referrals whose agency waits for 1212's answer (`true`: in info_requested, its latest request not answered yet): the staff work list" })
  @Optional() @IsIn(['true', 'false']) awaitingAnswer?: 'true' | 'false';
  @ApiPropertyOptional() @Optional() @Matches(/^[a-z][a-z0-9-]{1,39}$/) partner?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @Optional() @Max(500) @Min(1) @IsInt() @Type(() => Number) limit?: number;
}

/** A referral as stored, or as dispatch is about to store it (no transfer yet). */

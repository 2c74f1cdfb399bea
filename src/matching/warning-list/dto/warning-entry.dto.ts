import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, Length } from 'class-validator';
import { Optional } from '../../../common/optional.decorator.js';
import { IDENTIFIER_TYPES } from '../../../standard/codes.js';

export class CreateWarningEntryDto {
  @ApiProperty({ enum: IDENTIFIER_TYPES, description: 'As an identifier is reported; the value is normalised as intake normalises it (§2.5)' })
  @IsIn(IDENTIFIER_TYPES)
  @IsDefined({ message: '$property is required' })
  type: string;

  @ApiProperty({ example: '02-888-8888' }) @Length(1, 500) @IsString() @IsDefined({ message: '$property is required' }) value: string;
  @ApiPropertyOptional({ description: 'For bank_account: the bank', example: '004' }) @Optional() @Length(1, 60) @IsString() bank?: string;
  @ApiPropertyOptional({ enum: ['exact', 'domain'], default: 'exact', description: '`domain` (type url only): the site and every host under it' })
  @Optional() @IsIn(['exact', 'domain']) scope?: 'exact' | 'domain';

  @ApiProperty({ description: 'Whose it is, as staff will read it', example: 'K-Contact Center ธนาคารกสิกรไทย 02-888-8888' })
  @Length(3, 300) @IsString() @IsDefined({ message: '$property is required' }) label: string;

  @ApiProperty({ description: 'Where it comes from (the organisation\'s page, a circular, a letter)', example: 'https://www.kasikornbank.com' })
  @Length(3, 500) @IsString() @IsDefined({ message: '$property is required' }) source: string;
}

export class RemoveWarningEntryDto {
  @ApiProperty({ description: 'Why it comes off the list', example: 'The bank gave up this number' })
  @Length(3, 500) @IsString() @IsDefined({ message: '$property is required' }) reason: string;
}

export class ListWarningEntriesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: removed entries too' }) @Optional() @IsIn(['true', 'false']) includeRemoved?: 'true' | 'false';
}

import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, Matches } from 'class-validator';

/** The roles a person signs in with at the console (partners use their keys, not this). */
export const CONSOLE_ROLES = ['staff', 'admin', 'auditor'] as const;

export class DevSignInDto {
  @ApiProperty({ enum: CONSOLE_ROLES })
  @IsIn(CONSOLE_ROLES, { message: '$property must be one of: staff, admin, auditor' })
  @IsDefined({ message: '$property is required' })
  role: (typeof CONSOLE_ROLES)[number];

  @ApiProperty({ description: 'Who signs in (recorded as the actor of what they do)', example: 'somchai' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: '$property must be 1 to 64 lowercase letters, digits, dots, dashes or underscores' })
  @IsDefined({ message: '$property is required' })
  subject: string;
}

export class DevSignInView {
  @ApiProperty({ description: 'A token of the local development issuer, as `npm run token` makes' }) access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: string;
  @ApiProperty({ example: 3600 }) expires_in: number;
}

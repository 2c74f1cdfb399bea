import { ApiProperty } from '@nestjs/swagger';

export class TokenResponseView {
  @ApiProperty({ description: 'A hub-signed JWT (typ at+jwt), to send as `Authorization: Bearer …`' }) access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: 'Bearer';
  @ApiProperty({ example: 900 }) expires_in: number;
  @ApiProperty({ example: 'referrals:read referrals:write evidence:read cases:write matches:read' }) scope: string;
}

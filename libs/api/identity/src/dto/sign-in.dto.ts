import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import type { SignInRequest } from '@consortio/shared/contracts';

export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'officer@musterstadt.test' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString({ message: 'password must be text' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;
}

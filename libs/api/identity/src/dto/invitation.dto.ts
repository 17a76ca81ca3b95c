import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MEMBERSHIP_ROLES, type MembershipRole } from '@consortio/shared/contracts';
import { PASSWORD_MIN_LENGTH } from './register-organisation.dto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class CreateInvitationDto {
  @ApiProperty({ example: 'kollegin@musterstadt.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role!: MembershipRole;

  @ApiPropertyOptional({ enum: ['en', 'de'], description: 'Language of the invitation e-mail' })
  @IsOptional()
  @IsIn(['en', 'de'], { message: 'locale must be en or de' })
  locale?: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the e-mail link' })
  @IsString({ message: 'token must be text' })
  @Matches(TOKEN, { message: 'token is not a valid link token' })
  token!: string;
}

export class AcceptInvitationDto extends TokenDto {
  @ApiPropertyOptional({ description: 'Needed when no account exists for the invited address' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120, { message: 'displayName must be at most 120 characters' })
  displayName?: string;

  @ApiPropertyOptional({
    description: 'Needed when no account exists for the invited address',
    minLength: PASSWORD_MIN_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString({ message: 'password must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;
}

export class EmailChangeRequestDto {
  @ApiProperty()
  @IsEmail({}, { message: 'newEmail must be an e-mail address' })
  @MaxLength(254)
  newEmail!: string;

  @ApiProperty({ description: 'The current password, to confirm it is you' })
  @IsString({ message: 'password must be text' })
  @MaxLength(128)
  password!: string;
}

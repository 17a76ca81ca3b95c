import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class IdentityProviderDto {
  @ApiProperty({ example: 'https://login.musterstadt.example/realms/staff' })
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'], require_protocol: true },
    { message: 'issuer must be the URL of an OpenID Connect issuer' },
  )
  @MaxLength(500)
  issuer!: string;

  @ApiProperty()
  @IsString({ message: 'clientId must be text' })
  @MinLength(1, { message: 'clientId must not be empty' })
  @MaxLength(200)
  clientId!: string;

  @ApiProperty({ description: 'Stored for the token exchange; never returned' })
  @IsString({ message: 'clientSecret must be text' })
  @MinLength(1, { message: 'clientSecret must not be empty' })
  @MaxLength(500)
  clientSecret!: string;

  @ApiProperty({
    example: ['musterstadt.example'],
    description: 'People with these e-mail domains sign in through this provider',
  })
  @IsArray({ message: 'emailDomains must be a list' })
  @ArrayMinSize(1, { message: 'emailDomains must name at least one domain' })
  @ArrayMaxSize(20)
  @Matches(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, {
    each: true,
    message: 'emailDomains must be lower-case domains such as musterstadt.example',
  })
  emailDomains!: string[];

  @ApiProperty({
    enum: ['procurement-officer', 'legal-reviewer', 'viewer'],
    description: 'Role of people who join by signing in',
  })
  @IsIn(['procurement-officer', 'legal-reviewer', 'viewer'], {
    message: 'defaultRole must be procurement-officer, legal-reviewer or viewer',
  })
  defaultRole!: 'procurement-officer' | 'legal-reviewer' | 'viewer';
}

export class OidcStartQueryDto {
  @ApiProperty({ description: 'The person’s e-mail; its domain chooses the identity provider' })
  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ required: false, description: 'Path of the web app to return to, e.g. /profile' })
  @IsString()
  @Matches(/^\/(?!\/)[\w\-./?=&%]*$/, { message: 'returnUrl must be a path of this site, such as /profile' })
  @MaxLength(300)
  returnUrl = '/';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsObject,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  type RegisterOrganisationRequest,
} from '@consortio/shared/contracts';

export const PASSWORD_MIN_LENGTH = 12;

export class OrganisationDetailsDto {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of ${ORGANISATION_KINDS.join(', ')}` })
  kind!: OrganisationKind;

  @ApiProperty({ example: 'Gemeinde Musterstadt', minLength: 2, maxLength: 200 })
  @IsString({ message: 'name must be text' })
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiPropertyOptional({
    description: 'ISO country code; for municipalities it follows from the NUTS code',
    example: 'DE',
  })
  // Derived from the NUTS code, jurisdiction or VAT number; central purchasing bodies state it.
  @ValidateIf((o: OrganisationDetailsDto) => o.kind === 'central-purchasing-body' || o.country !== undefined)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code such as DE or AT' })
  country?: string;

  @ApiPropertyOptional({ description: 'NUTS 3 region of a municipality', example: 'DE217' })
  @ValidateIf((o: OrganisationDetailsDto) => o.kind === 'municipality' || o.nutsCode !== undefined)
  @Matches(/^[A-Z]{2}[A-Z0-9]{3}$/, { message: 'nutsCode must be a NUTS 3 code such as DE217' })
  nutsCode?: string;

  @ApiPropertyOptional({ description: 'Inhabitants of a municipality', example: 12500 })
  @ValidateIf((o: OrganisationDetailsDto) => o.kind === 'municipality' || o.population !== undefined)
  @IsInt({ message: 'population must be a whole number' })
  @Min(1, { message: 'population must be at least 1' })
  @Max(100_000_000, { message: 'population must be at most 100,000,000' })
  population?: number;

  @ApiPropertyOptional({ example: 'vergabe@musterstadt.example' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ description: 'Country code or NUTS prefix an authority oversees', example: 'DE2' })
  @ValidateIf((o: OrganisationDetailsDto) => o.kind === 'authority' || o.jurisdiction !== undefined)
  @Matches(/^[A-Z]{2}[A-Z0-9]{0,3}$/, {
    message: 'jurisdiction must be a country code or NUTS prefix such as DE or DE21',
  })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'VAT or company number of a supplier', example: 'DE123456789' })
  @ValidateIf((o: OrganisationDetailsDto) => o.kind === 'supplier' || o.vatNumber !== undefined)
  @Matches(/^[A-Z]{2}[A-Z0-9]{2,13}$/, { message: 'vatNumber must start with the country code, e.g. DE123456789' })
  vatNumber?: string;
}

export class AdminAccountDto {
  @ApiProperty({ example: 'anna.berger@musterstadt.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: 128 })
  @IsString({ message: 'password must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;

  @ApiProperty({ example: 'Anna Berger' })
  @IsString({ message: 'displayName must be text' })
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120, { message: 'displayName must be at most 120 characters' })
  displayName!: string;

  @ApiPropertyOptional({ enum: ['en', 'de'], default: 'en' })
  @IsOptional()
  @IsIn(['en', 'de'], { message: 'locale must be en or de' })
  locale?: string;
}

export class RegisterOrganisationDto implements RegisterOrganisationRequest {
  @ApiProperty({ type: OrganisationDetailsDto })
  @IsDefined({ message: 'organisation must be given' })
  @IsObject({ message: 'organisation must be an object' })
  @ValidateNested()
  @Type(() => OrganisationDetailsDto)
  organisation!: OrganisationDetailsDto;

  @ApiProperty({ type: AdminAccountDto, description: 'The first administrator of the organisation' })
  @IsDefined({ message: 'admin must be given' })
  @IsObject({ message: 'admin must be an object' })
  @ValidateNested()
  @Type(() => AdminAccountDto)
  admin!: AdminAccountDto;
}

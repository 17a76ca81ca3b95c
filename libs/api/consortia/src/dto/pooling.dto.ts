import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class LotDto {
  @ApiProperty({ example: 'Electric vans' })
  @IsString({ message: 'title must be text' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;
}

export class SuggestLotsDto {
  @ApiPropertyOptional({ description: 'Rebuild all lots from scratch instead of only placing needs in no lot' })
  @IsOptional()
  @IsBoolean({ message: 'replace must be true or false' })
  replace?: boolean;
}

export class MoveNeedDto {
  @ApiProperty({ nullable: true, description: 'The lot to move the need to; null takes it out of every lot' })
  @IsDefined({ message: 'lotId must be a lot id or null' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'lotId must be a lot id or null' })
  lotId!: string | null;
}

export class PooledDemandQueryDto {
  @ApiPropertyOptional({ description: 'Date of the estimate (Art. 5(2)); defaults to today', example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date such as 2026-12-01' })
  on?: string;

  @ApiPropertyOptional({ enum: ['sub-central', 'central', 'utility'], default: 'sub-central' })
  @IsOptional()
  @IsIn(['sub-central', 'central', 'utility'], { message: 'authority must be sub-central, central or utility' })
  authority?: 'sub-central' | 'central' | 'utility';
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const amountMessage = (field: string) => `${field} must be an amount in euros, e.g. 216000 or 216000.00`;

export class ThresholdPeriodDto {
  @ApiProperty({ example: 'Delegated Regulation (EU) 2027/…' })
  @IsString({ message: 'source must be text' })
  @MinLength(3, { message: 'source must name the legal act' })
  @MaxLength(300, { message: 'source must be at most 300 characters' })
  source!: string;

  @ApiProperty({ example: '5404000' })
  @Matches(AMOUNT, { message: amountMessage('works') })
  works!: string;

  @ApiProperty({ example: '216000' })
  @Matches(AMOUNT, { message: amountMessage('suppliesServicesSubCentral') })
  suppliesServicesSubCentral!: string;

  @ApiProperty({ example: '140000' })
  @Matches(AMOUNT, { message: amountMessage('suppliesServicesCentral') })
  suppliesServicesCentral!: string;

  @ApiProperty({ example: '750000' })
  @Matches(AMOUNT, { message: amountMessage('socialServices') })
  socialServices!: string;

  @ApiProperty({ example: '432000' })
  @Matches(AMOUNT, { message: amountMessage('utilitiesSuppliesServices') })
  utilitiesSuppliesServices!: string;
}

export class ProcedureQuestionsDto {
  @ApiProperty({ description: 'Can the need be specified precisely in advance?' })
  @IsBoolean({ message: 'specifiable must be true or false' })
  specifiable!: boolean;

  @ApiProperty({ description: 'Is a solution on the market without adaptation?' })
  @IsBoolean({ message: 'onMarket must be true or false' })
  onMarket!: boolean;

  @ApiProperty({ description: 'Is research and development needed?' })
  @IsBoolean({ message: 'researchNeeded must be true or false' })
  researchNeeded!: boolean;

  @ApiProperty({ description: 'Is the contract complex, or are its risks unusual?' })
  @IsBoolean({ message: 'complexOrRisky must be true or false' })
  complexOrRisky!: boolean;

  @ApiPropertyOptional({ description: 'After development, buy the solution at scale in the same procedure?' })
  @IsOptional()
  @IsBoolean({ message: 'purchaseAfterDevelopment must be true or false' })
  purchaseAfterDevelopment?: boolean;
}

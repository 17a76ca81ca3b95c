import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { Milestone, TenderMilestoneUpdateInput } from '@consortio/shared/contracts';
import { DATE, Trim } from './tender.dto';

const given = (_: unknown, value: unknown) => value !== undefined;
const set = (_: unknown, value: unknown) => value !== undefined && value !== null;

export class CreateMilestoneDto implements Milestone {
  @ApiProperty({ example: 'Contract notice published' })
  @Trim()
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiProperty({ example: '2027-02-01' })
  @IsISO8601({ strict: true }, { message: 'plannedOn must be a date such as 2027-02-01' })
  @Matches(DATE, { message: 'plannedOn must be a date such as 2027-02-01' })
  plannedOn!: string;

  @ApiPropertyOptional({ nullable: true, example: null, description: 'The day it was reached; null while ahead' })
  @ValidateIf(set)
  @IsISO8601({ strict: true }, { message: 'actualOn must be a date such as 2027-02-03, or null' })
  @Matches(DATE, { message: 'actualOn must be a date such as 2027-02-03, or null' })
  actualOn!: string | null;
}

export class UpdateMilestoneDto implements TenderMilestoneUpdateInput {
  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiPropertyOptional({ example: '2027-02-01' })
  @ValidateIf(given)
  @IsISO8601({ strict: true }, { message: 'plannedOn must be a date such as 2027-02-01' })
  @Matches(DATE, { message: 'plannedOn must be a date such as 2027-02-01' })
  plannedOn?: string;

  @ApiPropertyOptional({ nullable: true, example: '2027-02-03' })
  @ValidateIf(set)
  @IsISO8601({ strict: true }, { message: 'actualOn must be a date such as 2027-02-03, or null' })
  @Matches(DATE, { message: 'actualOn must be a date such as 2027-02-03, or null' })
  actualOn?: string | null;
}

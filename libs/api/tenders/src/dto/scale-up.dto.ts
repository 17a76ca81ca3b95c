import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  type KpiValueInput,
  PILOT_OUTCOMES,
  type PilotEvaluationInput,
  type PilotOutcome,
  SITE_SCALE_STAGES,
  type SiteScaleStage,
  type TenderKpiInput,
  type TenderKpiUpdateInput,
  type TenderSiteInput,
} from '@consortio/shared/contracts';
import { DATE, Trim } from './tender.dto';

const given = (_: unknown, value: unknown) => value !== undefined;
const set = (_: unknown, value: unknown) => value !== undefined && value !== null;

/** Large enough for any count, energy or money figure; small enough to stay exact as a JSON number. */
const LIMIT = 1e12;

const Text = (field: string, max: number) =>
  applyDecorators(
    Trim(),
    IsString({ message: `${field} must be text` }),
    MinLength(1, { message: `${field} must not be empty` }),
    MaxLength(max, { message: `${field} must be at most ${max} characters` }),
  );

const Figure = (field: string) =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${field} must be a number` }),
    Min(-LIMIT, { message: `${field} must be between -${LIMIT} and ${LIMIT}` }),
    Max(LIMIT, { message: `${field} must be between -${LIMIT} and ${LIMIT}` }),
  );

export class CreateSiteDto implements TenderSiteInput {
  @ApiProperty({ example: 'Building yard, Hauptstraße 4' })
  @Text('name', 200)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'A participating organisation of the consortium (lead or member)' })
  @IsUUID('all', { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @ApiPropertyOptional({ example: 'DE217', description: "NUTS 3 code; the organisation's own when left out" })
  @IsOptional()
  @IsString({ message: 'nutsCode must be a NUTS 3 code such as DE217' })
  @Matches(/^[A-Z]{2}[A-Z0-9]{3}$/, { message: 'nutsCode must be a NUTS 3 code such as DE217' })
  nutsCode?: string;

  @ApiProperty({ enum: SITE_SCALE_STAGES })
  @IsIn(SITE_SCALE_STAGES, { message: `stage must be one of ${SITE_SCALE_STAGES.join(', ')}` })
  stage!: SiteScaleStage;

  @ApiPropertyOptional({
    nullable: true,
    example: '2027-05-01',
    description: 'The day it went live; null while planned',
  })
  @ValidateIf(set)
  @IsISO8601({ strict: true }, { message: 'liveSince must be a date such as 2027-05-01, or null' })
  @Matches(DATE, { message: 'liveSince must be a date such as 2027-05-01, or null' })
  liveSince?: string | null;
}

export class CreateKpiDto implements TenderKpiInput {
  @ApiProperty({ example: 'Fleet CO2 emissions' })
  @Text('name', 200)
  name!: string;

  @ApiProperty({ example: 't CO2e per year' })
  @Text('unit', 30)
  unit!: string;

  @ApiProperty({ example: 120 })
  @Figure('baseline')
  baseline!: number;

  @ApiProperty({ example: 40 })
  @Figure('target')
  target!: number;
}

export class UpdateKpiDto implements TenderKpiUpdateInput {
  @ApiPropertyOptional()
  @ValidateIf(given)
  @Text('name', 200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @Text('unit', 30)
  unit?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @Figure('baseline')
  baseline?: number;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @Figure('target')
  target?: number;
}

export class KpiValueDto implements KpiValueInput {
  @ApiProperty({ example: 96.5, description: "The acting organisation's figure for the period" })
  @Figure('value')
  value!: number;
}

export class PilotEvaluationDto implements PilotEvaluationInput {
  @ApiProperty({ example: 'Four vans ran 11,000 km with no breakdown; charging at the depot covered 96% of needs.' })
  @Text('summary', 5000)
  summary!: string;

  @ApiProperty({ enum: PILOT_OUTCOMES })
  @IsIn(PILOT_OUTCOMES, { message: `outcome must be one of ${PILOT_OUTCOMES.join(', ')}` })
  outcome!: PilotOutcome;
}

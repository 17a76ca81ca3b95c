import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AWARD_CRITERION_KINDS,
  type AwardCriterion,
  type AwardCriterionKind,
  LOT_BID_RULES,
  type LotBidRule,
  type LotRules,
  PROCEDURE_TYPES,
  type ProcedureType,
  TENDER_STAGES,
  type TenderCreateInput,
  type TenderStage,
  type TenderTransitionInput,
  type TenderUpdateInput,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

/** Decimal euros without VAT, at most two decimals: "275000" or "275000.50". */
export const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
/** A calendar date between 1900 and 2999 (PostgreSQL refuses year 0, and nothing here is older). */
export const DATE = /^(19|2\d)\d{2}-\d{2}-\d{2}$/;
const TIMESTAMP_YEAR = /^(19|2\d)\d{2}-/;

/** Strings are judged as they will be stored: without surrounding spaces. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Present, or left out; null is refused for fields that cannot be empty. */
const given = (_: unknown, value: unknown) => value !== undefined;
/** Left out, or null to clear, or a value. */
const set = (_: unknown, value: unknown) => value !== undefined && value !== null;

export class AwardCriterionDto implements AwardCriterion {
  @ApiProperty({ enum: AWARD_CRITERION_KINDS })
  @IsIn(AWARD_CRITERION_KINDS, { message: `criteria.kind must be one of ${AWARD_CRITERION_KINDS.join(', ')}` })
  kind!: AwardCriterionKind;

  @ApiProperty({ example: 'Total cost of ownership' })
  @IsString({ message: 'criteria.name must be text' })
  @MaxLength(200, { message: 'criteria.name must be at most 200 characters' })
  name!: string;

  // The range and the total are the domain's to judge (`criteriaRefusal`), with its own words.
  @ApiProperty({ example: 40, description: 'Whole percent, 1 to 100; the weights total 100' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'criteria.weight must be a number' })
  weight!: number;
}

export class LotRulesDto implements LotRules {
  @ApiProperty({ enum: LOT_BID_RULES, description: 'Tenderers bid for one lot, several, or must bid for all' })
  @IsIn(LOT_BID_RULES, { message: `lotRules.bidsOn must be one of ${LOT_BID_RULES.join(', ')}` })
  bidsOn!: LotBidRule;

  @ApiProperty({ nullable: true, type: Number, description: 'Most lots one tenderer may bid for; null for no limit' })
  @ValidateIf(set)
  @IsInt({ message: 'lotRules.maxLotsPerTenderer must be a whole number or null' })
  maxLotsPerTenderer!: number | null;
}

export class CreateTenderDto implements TenderCreateInput {
  @ApiProperty({ example: 'Electric utility vehicles 2027' })
  @Trim()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ enum: PROCEDURE_TYPES })
  @IsIn(PROCEDURE_TYPES, { message: `procedureType must be one of ${PROCEDURE_TYPES.join(', ')}` })
  procedureType!: ProcedureType;

  @ApiPropertyOptional({
    example: '275000.00',
    description: "Estimated value without VAT, euros; the consortium's pooled demand total when left out",
  })
  @IsOptional()
  @IsString({ message: 'estimatedValue must be an amount in euros written as text, e.g. "275000.00"' })
  @Matches(AMOUNT, { message: 'estimatedValue must be an amount in euros with at most two decimals' })
  estimatedValue?: string;
}

export class UpdateTenderDto implements TenderUpdateInput {
  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_TYPES })
  @ValidateIf(given)
  @IsIn(PROCEDURE_TYPES, { message: `procedureType must be one of ${PROCEDURE_TYPES.join(', ')}` })
  procedureType?: ProcedureType;

  @ApiPropertyOptional({ example: '275000.00' })
  @ValidateIf(given)
  @IsString({ message: 'estimatedValue must be an amount in euros written as text, e.g. "275000.00"' })
  @Matches(AMOUNT, { message: 'estimatedValue must be an amount in euros with at most two decimals' })
  estimatedValue?: string;

  @ApiPropertyOptional({
    type: [AwardCriterionDto],
    description: 'Art. 67: include price or life-cycle cost; 100 in total',
  })
  @ValidateIf(given)
  @IsArray({ message: 'criteria must be a list of award criteria' })
  @ArrayMaxSize(20, { message: 'criteria may hold at most 20 criteria' })
  @ValidateNested({ each: true })
  @Type(() => AwardCriterionDto)
  criteria?: AwardCriterionDto[];

  @ApiPropertyOptional({ type: LotRulesDto })
  @ValidateIf(given)
  @IsObject({ message: 'lotRules must be an object with bidsOn and maxLotsPerTenderer' })
  @ValidateNested()
  @Type(() => LotRulesDto)
  lotRules?: LotRulesDto;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: "A named version of one of the consortium's specifications",
  })
  @ValidateIf(set)
  @IsUUID('all', { message: 'specificationVersionId must be the id of a specification version, or null' })
  specificationVersionId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '2027-02-15T12:00:00Z',
    description: 'Time limit for receipt of tenders',
  })
  @ValidateIf(set)
  @IsISO8601(
    { strict: true },
    { message: 'tenderDeadline must be a date and time such as 2027-02-15T12:00:00Z, or null' },
  )
  @Matches(TIMESTAMP_YEAR, { message: 'tenderDeadline must be a date and time between the years 1900 and 2999' })
  tenderDeadline?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2027-04-01' })
  @ValidateIf(set)
  @IsISO8601({ strict: true }, { message: 'contractSignedOn must be a date such as 2027-04-01, or null' })
  @Matches(DATE, { message: 'contractSignedOn must be a date such as 2027-04-01, or null' })
  contractSignedOn?: string | null;
}

export class TransitionDto implements TenderTransitionInput {
  @ApiProperty({ enum: TENDER_STAGES })
  @IsIn(TENDER_STAGES, { message: `to must be one of ${TENDER_STAGES.join(', ')}` })
  to!: TenderStage;

  @ApiPropertyOptional({ description: 'Why; required to close early, withdraw a publication or reopen an award' })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason?: string;
}

export class TenderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TENDER_STAGES })
  @IsOptional()
  @IsIn(TENDER_STAGES, { message: `stage must be one of ${TENDER_STAGES.join(', ')}` })
  stage?: TenderStage;
}

export class RoadmapQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'First day of the window; default 1 January next year, or a year before `to`',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date such as 2027-01-01' })
  @Matches(DATE, { message: 'from must be a date such as 2027-01-01' })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-12-31',
    description: 'Last day of the window; default 31 December next year, or a year after `from`',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date such as 2027-12-31' })
  @Matches(DATE, { message: 'to must be a date such as 2027-12-31' })
  to?: string;
}

export class WeightsPreviewQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A lot with criteria of its own; else the tender's criteria" })
  @IsOptional()
  @IsUUID('all', { message: 'lotId must be the id of a lot of this tender' })
  lotId?: string;
}

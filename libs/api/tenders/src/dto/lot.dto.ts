import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { TenderLotInput, TenderLotUpdateInput } from '@consortio/shared/contracts';
import { CPV_CODE } from '@consortio/shared/domain';
import { AMOUNT, AwardCriterionDto, Trim } from './tender.dto';

const given = (_: unknown, value: unknown) => value !== undefined;
const set = (_: unknown, value: unknown) => value !== undefined && value !== null;

const TitleRules = () =>
  applyDecorators(
    Trim(),
    IsString({ message: 'title must be text' }),
    MinLength(1, { message: 'title must not be empty' }),
    MaxLength(200, { message: 'title must be at most 200 characters' }),
  );

const CpvCodesRules = () =>
  applyDecorators(
    IsArray({ message: 'cpvCodes must be a list of CPV codes' }),
    ArrayMinSize(1, { message: 'cpvCodes must hold at least one CPV code' }),
    ArrayMaxSize(50, { message: 'cpvCodes may hold at most 50 codes' }),
    Matches(CPV_CODE, {
      each: true,
      message: 'each of cpvCodes must be eight digits, a dash and the check digit, e.g. 34144900-7',
    }),
  );

const ValueRules = () =>
  applyDecorators(
    IsString({ message: 'value must be an amount in euros written as text, e.g. "180000.00"' }),
    Matches(AMOUNT, { message: 'value must be an amount in euros with at most two decimals' }),
  );

const MembersRules = () =>
  applyDecorators(
    IsArray({ message: 'memberOrganisationIds must be a list of organisation ids' }),
    ArrayMinSize(1, { message: 'memberOrganisationIds must name at least one member organisation' }),
    ArrayMaxSize(200, { message: 'memberOrganisationIds may hold at most 200 organisations' }),
    IsUUID('all', { each: true, message: 'each of memberOrganisationIds must be an organisation id' }),
  );

const CriteriaRules = () =>
  applyDecorators(
    ValidateIf(set),
    IsArray({ message: 'criteria must be a list of award criteria, or null' }),
    ArrayMaxSize(20, { message: 'criteria may hold at most 20 criteria' }),
    ValidateNested({ each: true }),
    Type(() => AwardCriterionDto),
  );

const CRITERIA_DOC: ApiPropertyOptions = {
  type: [AwardCriterionDto],
  nullable: true,
  description: "Award criteria for this lot only (Art. 46); null or left out to use the tender's",
};

export class CreateLotDto implements TenderLotInput {
  @ApiProperty({ example: 'Electric vans' })
  @TitleRules()
  title!: string;

  @ApiProperty({
    type: [String],
    example: ['34144900-7'],
    description: 'CPV codes with check digit, from the CPV list',
  })
  @CpvCodesRules()
  cpvCodes!: string[];

  @ApiProperty({ example: '180000.00', description: 'Estimated value of the lot without VAT, euros' })
  @ValueRules()
  value!: string;

  @ApiProperty({ type: [String], description: 'Participating organisations of the consortium the lot buys for' })
  @MembersRules()
  memberOrganisationIds!: string[];

  @ApiPropertyOptional(CRITERIA_DOC)
  @CriteriaRules()
  criteria?: AwardCriterionDto[] | null;
}

export class UpdateLotDto implements TenderLotUpdateInput {
  @ApiPropertyOptional({ example: 'Electric vans' })
  @ValidateIf(given)
  @TitleRules()
  title?: string;

  @ApiPropertyOptional({ type: [String], example: ['34144900-7'] })
  @ValidateIf(given)
  @CpvCodesRules()
  cpvCodes?: string[];

  @ApiPropertyOptional({ example: '180000.00' })
  @ValidateIf(given)
  @ValueRules()
  value?: string;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf(given)
  @MembersRules()
  memberOrganisationIds?: string[];

  @ApiPropertyOptional(CRITERIA_DOC)
  @CriteriaRules()
  criteria?: AwardCriterionDto[] | null;
}

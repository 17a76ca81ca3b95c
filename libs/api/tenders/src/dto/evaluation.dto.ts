import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { BidderEvaluationInput, CriterionScores, EvaluationRecordInput } from '@consortio/shared/contracts';
import { AMOUNT, Trim } from './tender.dto';

const set = (_: unknown, value: unknown) => value !== undefined && value !== null;

/** A score from 0 to 100; whether every criterion has one is the domain's to judge (`bidsRefusal`). */
const Score = (kind: string) =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 0, maximum: 100 }),
    ValidateIf(set),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: `scores.${kind} must be a number from 0 to 100` }),
    Min(0, { message: `scores.${kind} must be a number from 0 to 100` }),
    Max(100, { message: `scores.${kind} must be a number from 0 to 100` }),
  );

export class CriterionScoresDto implements CriterionScores {
  @Score('price')
  price?: number;

  @Score('life-cycle-cost')
  'life-cycle-cost'?: number;

  @Score('quality')
  quality?: number;

  @Score('sustainability')
  sustainability?: number;

  @Score('innovation')
  innovation?: number;
}

export class BidderEvaluationDto implements BidderEvaluationInput {
  @ApiProperty({ example: 'Innovative Mobility AG' })
  @Trim()
  @IsString({ message: 'bidders.name must be text' })
  @MinLength(1, { message: 'bidders.name must not be empty' })
  @MaxLength(200, { message: 'bidders.name must be at most 200 characters' })
  name!: string;

  @ApiProperty({
    type: CriterionScoresDto,
    description: 'Score per criterion kind, 0 to 100; the cost criterion may be left out when every bidder has a price',
  })
  @IsObject({ message: 'bidders.scores must be an object of scores by criterion kind' })
  @ValidateNested()
  @Type(() => CriterionScoresDto)
  scores!: CriterionScoresDto;

  @ApiPropertyOptional({
    nullable: true,
    example: '190000.00',
    description:
      'Tendered price without VAT, euros (the life-cycle cost under a life-cycle-cost criterion); with a price for every bidder the cost criterion is scored from them, lowest = 100',
  })
  @ValidateIf(set)
  @IsString({ message: 'bidders.price must be an amount in euros written as text, e.g. "190000.00", or null' })
  @Matches(AMOUNT, { message: 'bidders.price must be an amount in euros with at most two decimals' })
  price?: string | null;
}

export class RecordEvaluationDto implements EvaluationRecordInput {
  @ApiProperty({ type: [BidderEvaluationDto] })
  @IsArray({ message: 'bidders must be a list of evaluated bidders' })
  @ArrayMinSize(1, { message: 'bidders must hold at least one bidder' })
  @ArrayMaxSize(100, { message: 'bidders may hold at most 100 bidders' })
  @ValidateNested({ each: true })
  @Type(() => BidderEvaluationDto)
  bidders!: BidderEvaluationDto[];
}

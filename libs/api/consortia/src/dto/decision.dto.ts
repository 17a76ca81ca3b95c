import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DECISION_KINDS, type DecisionKind, MAJORITY_RULES, type MajorityRule } from '@consortio/shared/contracts';

export class ProposeDecisionDto {
  @ApiProperty({ enum: DECISION_KINDS })
  @IsIn(DECISION_KINDS, { message: `kind must be one of ${DECISION_KINDS.join(', ')}` })
  kind!: DecisionKind;

  @ApiProperty({ example: 'Approve the purpose of the joint tender' })
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Two to ten options; defaults to Yes / No (Admit / Do not admit for admit-member)',
  })
  @IsOptional()
  @IsArray({ message: 'options must be a list' })
  @ArrayMinSize(2, { message: 'options must hold at least two choices' })
  @ArrayMaxSize(10, { message: 'options may hold at most ten choices' })
  @IsString({ each: true, message: 'each option must be text' })
  @MinLength(1, { each: true, message: 'an option must not be empty' })
  @MaxLength(200, { each: true, message: 'an option must be at most 200 characters' })
  options?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 50,
    description: 'Percent of voting members that must vote',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'quorumPercent must be a whole number' })
  @Min(1, { message: 'quorumPercent must be at least 1' })
  @Max(100, { message: 'quorumPercent must be at most 100' })
  quorumPercent?: number;

  @ApiPropertyOptional({ enum: MAJORITY_RULES, default: 'simple' })
  @IsOptional()
  @IsIn(MAJORITY_RULES, { message: `majority must be one of ${MAJORITY_RULES.join(', ')}` })
  majority?: MajorityRule;

  @ApiProperty({ description: 'When voting closes (ISO 8601 with time zone)', example: '2026-12-10T17:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'deadline must be a date and time such as 2026-12-10T17:00:00Z' })
  deadline!: string;

  @ApiPropertyOptional({ description: 'For admit-member: the pending request to join' })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be the id of a request to join' })
  applicationId?: string;
}

export class VoteDto {
  @ApiProperty({ description: 'Index of the chosen option, from 0' })
  @Type(() => Number)
  @IsInt({ message: 'option must be the number of an option, from 0' })
  @Min(0, { message: 'option must be the number of an option, from 0' })
  option!: number;
}

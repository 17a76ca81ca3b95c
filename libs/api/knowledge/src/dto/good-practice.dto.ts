import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  type GoodPracticeFilter,
  type GoodPracticeInput,
  type GoodPracticeUpdateInput,
  PROCEDURE_TYPES,
  type ProcedureType,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

/** Strings are judged as they will be stored: without surrounding spaces. */
const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A filter left empty (`?country=`) is no filter: trimmed, and an empty string is left out. */
const Filter = (normalise: (value: string) => string = (value) => value) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalise(value.trim()) || undefined : value,
  );

/** Present, or left out; null is refused for fields that cannot be empty. */
const given = (_: unknown, value: unknown) => value !== undefined;

const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;

/** Line breaks and tabs are text; other control characters are not (and would break the highlights). */
const PlainText = (field: string) =>
  ValidateBy({
    name: 'plainText',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && ![...value].some((char) => isControl(char.charCodeAt(0))),
      defaultMessage: () => `${field} must not contain control characters`,
    },
  });

export class GoodPracticeDto implements GoodPracticeInput {
  @ApiProperty({ example: 'LED street lighting with remote dimming for 420 luminaires' })
  @Trim()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  @PlainText('title')
  title!: string;

  @ApiProperty({ description: 'What was bought, and for whom (public)' })
  @Trim()
  @IsString({ message: 'summary must be text' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(5000, { message: 'summary must be at most 5000 characters' })
  @PlainText('summary')
  summary!: string;

  @ApiProperty({ description: 'Lessons learnt: what worked, what the buyers would do differently (public)' })
  @Trim()
  @IsString({ message: 'lessons must be text' })
  @MinLength(1, { message: 'lessons must not be empty' })
  @MaxLength(10_000, { message: 'lessons must be at most 10000 characters' })
  @PlainText('lessons')
  lessons!: string;
}

export class UpdateGoodPracticeDto implements GoodPracticeUpdateInput {
  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  @PlainText('title')
  title?: string;

  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'summary must be text' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(5000, { message: 'summary must be at most 5000 characters' })
  @PlainText('summary')
  summary?: string;

  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'lessons must be text' })
  @MinLength(1, { message: 'lessons must not be empty' })
  @MaxLength(10_000, { message: 'lessons must be at most 10000 characters' })
  @PlainText('lessons')
  lessons?: string;
}

export class GoodPracticeQueryDto extends PageQueryDto implements GoodPracticeFilter {
  @ApiPropertyOptional({
    description:
      'Words to find in title, summary and lessons, as in a web search: "a phrase", -excluded, or; German and English word forms match',
    example: 'Straßenbeleuchtung LED',
  })
  @Filter()
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  @Matches(/[\p{L}\p{N}]/u, { message: 'q must contain at least one letter or digit' })
  q?: string;

  @ApiPropertyOptional({ enum: CONSORTIUM_DOMAINS })
  @Filter()
  @IsOptional()
  @IsIn(CONSORTIUM_DOMAINS, { message: `domain must be one of ${CONSORTIUM_DOMAINS.join(', ')}` })
  domain?: ConsortiumDomain;

  @ApiPropertyOptional({
    description: 'CPV code or its first digits: cases with a code under it',
    example: '3414',
  })
  @Filter()
  @IsOptional()
  @Matches(/^\d{2,8}(-\d)?$/, { message: 'cpv must be 2 to 8 digits, optionally with the check digit (34144900-7)' })
  cpv?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_TYPES })
  @Filter()
  @IsOptional()
  @IsIn(PROCEDURE_TYPES, { message: `procedure must be one of ${PROCEDURE_TYPES.join(', ')}` })
  procedure?: ProcedureType;

  @ApiPropertyOptional({ description: 'Country of a participating organisation (ISO 3166-1 alpha-2)', example: 'AT' })
  @Filter((value) => value.toUpperCase())
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code such as DE or AT' })
  country?: string;
}

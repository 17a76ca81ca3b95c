import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  OPEN_CALL_KINDS,
  type OpenCallCreateInput,
  type OpenCallKind,
  type OpenCallUpdateInput,
  PUBLIC_OPEN_CALL_STATUSES,
  type PublicOpenCallStatus,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

/** A date and time with its offset, between the years 1900 and 2999: `2027-02-15T12:00:00Z`. */
const TIMESTAMP = /^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Strings are judged as they will be stored: without surrounding spaces. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Present, or left out; null is refused for fields that cannot be empty. */
const given = (_: unknown, value: unknown) => value !== undefined;

const timestampMessage = (field: string) =>
  `${field} must be a date and time with its offset, such as 2027-02-15T12:00:00Z`;

export class CreateOpenCallDto implements OpenCallCreateInput {
  @ApiProperty({ enum: OPEN_CALL_KINDS })
  @IsIn(OPEN_CALL_KINDS, { message: `kind must be one of ${OPEN_CALL_KINDS.join(', ')}` })
  kind!: OpenCallKind;

  @ApiProperty({ example: 'Market consultation: electric utility vehicles' })
  @Trim()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ description: 'Public text: what the consortium asks of suppliers' })
  @Trim()
  @IsString({ message: 'summary must be text' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(20_000, { message: 'summary must be at most 20000 characters' })
  summary!: string;

  @ApiProperty({ example: '2027-01-15T08:00:00Z' })
  @IsISO8601({ strict: true }, { message: timestampMessage('opensAt') })
  @Matches(TIMESTAMP, { message: timestampMessage('opensAt') })
  opensAt!: string;

  @ApiProperty({ example: '2027-02-15T12:00:00Z', description: 'Deadline for questions and responses' })
  @IsISO8601({ strict: true }, { message: timestampMessage('closesAt') })
  @Matches(TIMESTAMP, { message: timestampMessage('closesAt') })
  closesAt!: string;
}

export class UpdateOpenCallDto implements OpenCallUpdateInput {
  @ApiPropertyOptional({ enum: OPEN_CALL_KINDS })
  @ValidateIf(given)
  @IsIn(OPEN_CALL_KINDS, { message: `kind must be one of ${OPEN_CALL_KINDS.join(', ')}` })
  kind?: OpenCallKind;

  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional()
  @Trim()
  @ValidateIf(given)
  @IsString({ message: 'summary must be text' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(20_000, { message: 'summary must be at most 20000 characters' })
  summary?: string;

  @ApiPropertyOptional({ description: 'Only while a draft' })
  @ValidateIf(given)
  @IsISO8601({ strict: true }, { message: timestampMessage('opensAt') })
  @Matches(TIMESTAMP, { message: timestampMessage('opensAt') })
  opensAt?: string;

  @ApiPropertyOptional({ description: 'Once published, only later: a published deadline is extended, never cut' })
  @ValidateIf(given)
  @IsISO8601({ strict: true }, { message: timestampMessage('closesAt') })
  @Matches(TIMESTAMP, { message: timestampMessage('closesAt') })
  closesAt?: string;
}

export class SupplierCallListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PUBLIC_OPEN_CALL_STATUSES })
  @IsOptional()
  @IsIn(PUBLIC_OPEN_CALL_STATUSES, { message: `status must be one of ${PUBLIC_OPEN_CALL_STATUSES.join(', ')}` })
  status?: PublicOpenCallStatus;
}

export class OpenCallListQueryDto extends SupplierCallListQueryDto {
  @ApiPropertyOptional({ description: 'Words in the title, the public text or the buyer consortium name' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'q must be text' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;
}

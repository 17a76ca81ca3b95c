import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  type MonitoringFilters,
  type ObserverNoteInput,
  PROCEDURE_TYPES,
  type ProcedureType,
  TENDER_STAGES,
  type TenderStage,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `true`/`false` in a query string; anything else stays as it came and fails `IsBoolean`. */
const queryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** `?region&domain&procedure&stage&from&to` of the dashboard, its lists and its CSV tables. */
export class MonitoringFiltersDto implements MonitoringFilters {
  @ApiPropertyOptional({
    example: 'DE21',
    description: "NUTS prefix within the observer's jurisdiction; defaults to all of it",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}[A-Z0-9]{0,3}$/, { message: 'region must be a country code or NUTS prefix such as DE2 or DE21' })
  region?: string;

  @ApiPropertyOptional({ enum: CONSORTIUM_DOMAINS })
  @IsOptional()
  @IsIn(CONSORTIUM_DOMAINS, { message: `domain must be one of ${CONSORTIUM_DOMAINS.join(', ')}` })
  domain?: ConsortiumDomain;

  @ApiPropertyOptional({ enum: PROCEDURE_TYPES })
  @IsOptional()
  @IsIn(PROCEDURE_TYPES, { message: `procedure must be one of ${PROCEDURE_TYPES.join(', ')}` })
  procedure?: ProcedureType;

  @ApiPropertyOptional({ enum: TENDER_STAGES })
  @IsOptional()
  @IsIn(TENDER_STAGES, { message: `stage must be one of ${TENDER_STAGES.join(', ')}` })
  stage?: TenderStage;

  @ApiPropertyOptional({ example: '2026-01-01', description: "First day of the tenders' creation dates (inclusive)" })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date such as 2026-01-01' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date such as 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: "Last day of the tenders' creation dates (inclusive)" })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date such as 2026-12-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date such as 2026-12-31' })
  to?: string;
}

/** The consortia list: filters and a page. */
export class MonitoringPageQueryDto extends IntersectionType(MonitoringFiltersDto, PageQueryDto) {}

/** The tenders list: filters, a page, and only the stalled ones with `stalled=true`. */
export class MonitoringTenderQueryDto extends MonitoringPageQueryDto {
  @ApiPropertyOptional({ description: 'Only stalled tenders, longest stalled first' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean({ message: 'stalled must be true or false' })
  stalled?: boolean;
}

/** The alerts CSV: every alert of the jurisdiction, only the open ones with `open=true`. */
export class MonitoringAlertFilterDto {
  @ApiPropertyOptional({ description: 'Only alerts whose cause is still there' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;
}

/** The alerts list: `open` and a page. */
export class MonitoringAlertQueryDto extends IntersectionType(MonitoringAlertFilterDto, PageQueryDto) {}

export class ObserverNoteDto implements ObserverNoteInput {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'body must be text' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(2000, { message: 'body must be at most 2000 characters' })
  body!: string;
}

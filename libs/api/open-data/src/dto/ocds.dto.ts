import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { OCDS_EXPORT_FORMATS, type OcdsExportFormat, type OcdsExportInput } from '@consortio/shared/contracts';

/** Most tenders one page of `GET /ocds/tenders` holds. */
export const MAX_OCDS_PAGE_SIZE = 100;

/** `?pageSize=&cursor=`: keyset paging, so that a harvester walking every page sees each tender once. */
export class OcdsPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OCDS_PAGE_SIZE, default: 20 })
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 or more' })
  @Max(MAX_OCDS_PAGE_SIZE, { message: `pageSize must be at most ${MAX_OCDS_PAGE_SIZE}` })
  pageSize = 20;

  @ApiPropertyOptional({ description: 'Where the page starts: take it from `links.next` of the page before' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor must be the cursor from links.next of the page before' })
  cursor?: string;
}

export class CreateOcdsExportDto implements OcdsExportInput {
  @ApiPropertyOptional({
    example: 'DE21',
    description: "Country code or NUTS prefix within the observer's own jurisdiction; defaults to all of it",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}[A-Z0-9]{0,3}$/, {
    message: 'jurisdiction must be a country code or NUTS prefix such as DE or DE21',
  })
  jurisdiction?: string;

  @ApiProperty({ enum: OCDS_EXPORT_FORMATS })
  @IsIn(OCDS_EXPORT_FORMATS, { message: `format must be one of ${OCDS_EXPORT_FORMATS.join(', ')}` })
  format!: OcdsExportFormat;
}

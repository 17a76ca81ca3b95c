import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@consortio/api/platform/http';

export class CpvSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Digits search by code prefix (093, 09310000-5); words search the labels (solar panels)',
    example: 'street lighting',
  })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MinLength(2, { message: 'q must be at least 2 characters' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

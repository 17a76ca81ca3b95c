import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CreateProbeRequest } from '@consortio/shared/contracts';

export class CreateProbeDto implements CreateProbeRequest {
  @ApiPropertyOptional({
    description: 'Why the check was run, shown in the list',
    maxLength: 200,
    example: 'after upgrade',
  })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(200, { message: 'note must be at most 200 characters' })
  note?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { TenderReplicationInput } from '@consortio/shared/contracts';

export class ReplicateTenderDto implements TenderReplicationInput {
  @ApiProperty({ format: 'uuid', description: 'The consortium the caller acts for that takes the tender over' })
  @IsUUID('all', { message: 'consortiumId must be the id of a consortium' })
  consortiumId!: string;
}

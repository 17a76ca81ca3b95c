import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateBy, ValidateIf } from 'class-validator';
import type { TenderReplicationInput } from '@consortio/shared/contracts';

/** Refused when `other` is given as well: the two ways of naming the target exclude each other. */
const NotTogetherWith = (other: keyof TenderReplicationInput, message: string) =>
  ValidateBy({
    name: 'notTogetherWith',
    validator: {
      validate: (_: unknown, args) => (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => message,
    },
  });

/** Where the copy goes: one of the caller's consortia, or a new consortium of one of their own organisation. */
export class ReplicateTenderDto implements TenderReplicationInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The consortium the caller acts for that takes the tender over (or give ownOrganisation instead)',
  })
  // Required unless the caller replicates for their own organisation.
  @ValidateIf((dto: ReplicateTenderDto) => dto.ownOrganisation === undefined || dto.consortiumId !== undefined)
  @IsUUID('all', {
    message:
      'consortiumId must be the id of a consortium, or leave it out and give ownOrganisation: true to replicate for your own organisation',
  })
  consortiumId?: string;

  @ApiPropertyOptional({
    enum: [true],
    description:
      'Replicate for the acting organisation on its own: a new consortium of one (the organisation as lead and only member) takes the tender over',
  })
  @IsOptional()
  @IsIn([true], { message: 'ownOrganisation must be true when given (leave it out to name a consortium)' })
  @NotTogetherWith('consortiumId', 'ownOrganisation: give either consortiumId or ownOrganisation, not both')
  ownOrganisation?: true;
}

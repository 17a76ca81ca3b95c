import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

export class OrganisationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of ${ORGANISATION_KINDS.join(', ')}` })
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES, description: 'pending lists the verification queue' })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES, { message: `verification must be one of ${VERIFICATION_STATUSES.join(', ')}` })
  verification?: VerificationStatus;
}

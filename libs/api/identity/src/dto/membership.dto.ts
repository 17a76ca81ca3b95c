import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MEMBERSHIP_ROLES, type MembershipRole } from '@consortio/shared/contracts';

export class ChangeRoleDto {
  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role!: MembershipRole;
}

export class VerificationDecisionDto {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'], { message: 'decision must be verified or rejected' })
  decision!: 'verified' | 'rejected';

  @ApiPropertyOptional({ description: 'Why, shown to the organisation', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  CONSORTIUM_DOMAINS,
  CONSORTIUM_STATUSES,
  CONTRACT_KINDS,
  type ConsortiumContractKind,
  type ConsortiumDomain,
  type ConsortiumStatus,
} from '@consortio/shared/contracts';
import { CPV_CODE } from '@consortio/shared/domain';
import { PageQueryDto } from '@consortio/api/platform/http';

const CPV_PREFIX = /^\d{2,8}(-\d)?$/;
const NUTS_PREFIX = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

export class CreateConsortiumDto {
  @ApiProperty({ example: 'Electric municipal vehicles, Upper Bavaria' })
  @IsString({ message: 'name must be text' })
  @MinLength(3, { message: 'name must be at least 3 characters' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string;

  @ApiProperty({ enum: CONSORTIUM_DOMAINS })
  @IsIn(CONSORTIUM_DOMAINS, { message: `domain must be one of ${CONSORTIUM_DOMAINS.join(', ')}` })
  domain!: ConsortiumDomain;

  @ApiPropertyOptional({ enum: CONTRACT_KINDS, default: 'supplies' })
  @IsOptional()
  @IsIn(CONTRACT_KINDS, { message: `contractKind must be one of ${CONTRACT_KINDS.join(', ')}` })
  contractKind?: ConsortiumContractKind;

  @ApiPropertyOptional({ description: 'Listed in the public directory, so that others may ask to join' })
  @IsOptional()
  @IsBoolean({ message: 'listedPublicly must be true or false' })
  listedPublicly?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'CPV codes the consortium intends to buy',
    example: ['34144900-7'],
  })
  @IsOptional()
  @IsArray({ message: 'interestCpvCodes must be a list' })
  @ArrayMaxSize(50, { message: 'interestCpvCodes may hold at most 50 codes' })
  @Matches(CPV_CODE, { each: true, message: 'each of interestCpvCodes must be a CPV code such as 09310000-5' })
  interestCpvCodes?: string[];
}

export class UpdateConsortiumDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(3, { message: 'name must be at least 3 characters' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string;

  @ApiPropertyOptional({ enum: CONSORTIUM_DOMAINS })
  @IsOptional()
  @IsIn(CONSORTIUM_DOMAINS, { message: `domain must be one of ${CONSORTIUM_DOMAINS.join(', ')}` })
  domain?: ConsortiumDomain;

  @ApiPropertyOptional({ enum: CONTRACT_KINDS })
  @IsOptional()
  @IsIn(CONTRACT_KINDS, { message: `contractKind must be one of ${CONTRACT_KINDS.join(', ')}` })
  contractKind?: ConsortiumContractKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'listedPublicly must be true or false' })
  listedPublicly?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'interestCpvCodes must be a list' })
  @ArrayMaxSize(50, { message: 'interestCpvCodes may hold at most 50 codes' })
  @Matches(CPV_CODE, { each: true, message: 'each of interestCpvCodes must be a CPV code such as 09310000-5' })
  interestCpvCodes?: string[];
}

export class ChangeStatusDto {
  @ApiProperty({ enum: CONSORTIUM_STATUSES })
  @IsIn(CONSORTIUM_STATUSES, { message: `status must be one of ${CONSORTIUM_STATUSES.join(', ')}` })
  status!: ConsortiumStatus;
}

/** Filters shared by the directory of consortia and the search for municipalities. */
export class DiscoveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'CPV code or its leading digits (34144, 34144900-7)', example: '3414' })
  @IsOptional()
  @Matches(CPV_PREFIX, { message: 'cpv must be 2 to 8 digits, optionally with the check digit (34144900-7)' })
  cpv?: string;

  @ApiPropertyOptional({ description: 'NUTS code or prefix (DE, DE2, DE21, DE217)', example: 'DE2' })
  @IsOptional()
  @Matches(NUTS_PREFIX, { message: 'nuts must be a NUTS code or its prefix, e.g. DE2 or AT312' })
  nuts?: string;

  @ApiPropertyOptional({ description: 'Smallest population served' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPopulation must be a whole number' })
  @Min(0, { message: 'minPopulation must be 0 or more' })
  minPopulation?: number;

  @ApiPropertyOptional({ description: 'Largest population served' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'maxPopulation must be a whole number' })
  @Min(0, { message: 'maxPopulation must be 0 or more' })
  maxPopulation?: number;
}

export class MunicipalityQueryDto extends DiscoveryQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name', example: 'Beispielheim' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name?: string;
}

export class ConsortiumListQueryDto extends DiscoveryQueryDto {
  @ApiPropertyOptional({ enum: CONSORTIUM_DOMAINS })
  @IsOptional()
  @IsIn(CONSORTIUM_DOMAINS, { message: `domain must be one of ${CONSORTIUM_DOMAINS.join(', ')}` })
  domain?: ConsortiumDomain;

  @ApiPropertyOptional({ enum: CONSORTIUM_STATUSES })
  @IsOptional()
  @IsIn(CONSORTIUM_STATUSES, { message: `status must be one of ${CONSORTIUM_STATUSES.join(', ')}` })
  status?: ConsortiumStatus;
}

export class InviteDto {
  @ApiProperty({ description: 'The organisation invited' })
  @IsUUID('all', { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @ApiPropertyOptional({ enum: ['member', 'observer'], default: 'member' })
  @IsOptional()
  @IsIn(['member', 'observer'], { message: 'role must be member or observer' })
  role?: 'member' | 'observer';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'message must be text' })
  @MaxLength(2000, { message: 'message must be at most 2000 characters' })
  message?: string;
}

export class JoinRequestDto {
  @ApiPropertyOptional({ enum: ['member', 'observer'], default: 'member' })
  @IsOptional()
  @IsIn(['member', 'observer'], { message: 'role must be member or observer' })
  role?: 'member' | 'observer';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'message must be text' })
  @MaxLength(2000, { message: 'message must be at most 2000 characters' })
  message?: string;
}

export class ApplicationDecisionDto {
  @ApiProperty({ enum: ['accept', 'decline', 'withdraw'] })
  @IsIn(['accept', 'decline', 'withdraw'], { message: 'decision must be accept, decline or withdraw' })
  decision!: 'accept' | 'decline' | 'withdraw';
}

export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'declined', 'withdrawn'] })
  @IsOptional()
  @IsIn(['pending', 'accepted', 'declined', 'withdrawn'], {
    message: 'status must be pending, accepted, declined or withdrawn',
  })
  status?: 'pending' | 'accepted' | 'declined' | 'withdrawn';
}

export class ChangeMemberRoleDto {
  @ApiProperty({
    enum: ['lead', 'member', 'observer'],
    description: 'lead hands the lead over; the old lead becomes a member',
  })
  @IsIn(['lead', 'member', 'observer'], { message: 'role must be lead, member or observer' })
  role!: 'lead' | 'member' | 'observer';
}

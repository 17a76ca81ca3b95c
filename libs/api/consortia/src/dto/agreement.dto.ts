import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { COST_SHARING_KEYS, type CostSharingKeyName, LEGAL_BASES, type LegalBasis } from '@consortio/shared/contracts';

export class AgreementTermsDto {
  @ApiPropertyOptional({ enum: LEGAL_BASES })
  @IsOptional()
  @IsIn(LEGAL_BASES, { message: `legalBasis must be one of ${LEGAL_BASES.join(', ')}` })
  legalBasis?: LegalBasis;

  @ApiPropertyOptional({ enum: COST_SHARING_KEYS })
  @IsOptional()
  @IsIn(COST_SHARING_KEYS, { message: `costKey must be one of ${COST_SHARING_KEYS.join(', ')}` })
  costKey?: CostSharingKeyName;

  @ApiPropertyOptional({
    description: 'For the custom key: a weight of zero or more for every participating organisation, by id',
    example: { '3f1c…': 2, '9a0b…': 1 },
  })
  @IsOptional()
  @IsObject({ message: 'customWeights must be an object of organisation id to weight' })
  customWeights?: Record<string, number>;
}

export class SignAgreementDto {
  @ApiProperty({ description: 'Reference of the council decision that authorised signing', example: 'GR 2026/114' })
  @IsString({ message: 'councilDecisionRef must be text' })
  @MinLength(1, { message: 'councilDecisionRef must name the council decision' })
  @MaxLength(200, { message: 'councilDecisionRef must be at most 200 characters' })
  councilDecisionRef!: string;
}

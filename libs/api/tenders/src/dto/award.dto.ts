import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { AwardInput } from '@consortio/shared/contracts';
import { AMOUNT, DATE, Trim } from './tender.dto';

export class AwardLotDto implements AwardInput {
  @ApiProperty({ example: 'Innovative Mobility AG', description: "One of the bidders in the lot's evaluation record" })
  @Trim()
  @IsString({ message: 'supplierName must be text' })
  @MinLength(1, { message: 'supplierName must not be empty' })
  @MaxLength(200, { message: 'supplierName must be at most 200 characters' })
  supplierName!: string;

  @ApiProperty({ example: '190000.00', description: 'Awarded value without VAT, euros' })
  @IsString({ message: 'value must be an amount in euros written as text, e.g. "190000.00"' })
  @Matches(AMOUNT, { message: 'value must be an amount in euros with at most two decimals' })
  value!: string;

  @ApiProperty({ example: '2027-04-01', description: 'The day the award decision was taken (not ahead of today)' })
  @IsISO8601({ strict: true }, { message: 'awardedOn must be a date such as 2027-04-01' })
  @Matches(DATE, { message: 'awardedOn must be a date such as 2027-04-01' })
  awardedOn!: string;
}

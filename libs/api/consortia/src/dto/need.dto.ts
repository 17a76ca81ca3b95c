import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NEED_PRIORITIES, type NeedInput, type NeedPriority } from '@consortio/shared/contracts';
import { CPV_CODE } from '@consortio/shared/domain';
import { PageQueryDto } from '@consortio/api/platform/http';

/** One need. The same class checks JSON bodies and every row of a CSV import. */
export class NeedDto implements NeedInput {
  @ApiProperty({ example: '34144900-7', description: 'CPV code with its check digit, from the CPV list' })
  @IsString({ message: 'cpvCode must be text' })
  @Matches(CPV_CODE, { message: 'cpvCode must be eight digits, a dash and the check digit, e.g. 34144900-7' })
  cpvCode!: string;

  @ApiProperty({ example: 'Electric vans for the building yard' })
  @IsString({ message: 'title must be text' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ example: '4', description: 'Decimal, more than zero, up to three decimal places' })
  @IsString({ message: 'quantity must be a decimal number written as text, e.g. "4" or "12.5"' })
  @Matches(/^(?!0+(\.0+)?$)\d{1,11}(\.\d{1,3})?$/, {
    message: 'quantity must be a number above zero with at most three decimal places, e.g. 12.5',
  })
  quantity!: string;

  @ApiProperty({ example: 'vehicles' })
  @IsString({ message: 'unit must be text' })
  @MinLength(1, { message: 'unit must not be empty' })
  @MaxLength(30, { message: 'unit must be at most 30 characters' })
  unit!: string;

  @ApiProperty({ example: '180000.00', description: 'Estimated budget in euros without VAT' })
  @IsString({ message: 'budget must be an amount in euros written as text, e.g. "180000.00"' })
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, { message: 'budget must be an amount in euros with at most two decimals' })
  budget!: string;

  @ApiPropertyOptional({ example: '2027-03-01', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'desiredStart must be a date such as 2027-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'desiredStart must be a date such as 2027-03-01' })
  desiredStart?: string | null;

  @ApiProperty({ enum: NEED_PRIORITIES })
  @IsIn(NEED_PRIORITIES, { message: 'priority must be must, should or could' })
  priority!: NeedPriority;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'functionalRequirements must be text' })
  @MaxLength(10_000, { message: 'functionalRequirements must be at most 10000 characters' })
  functionalRequirements?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'personalData must be true or false' })
  personalData?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'sustainability must be true or false' })
  sustainability?: boolean;
}

export class NeedListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['mine', 'all'],
    default: 'all',
    description: 'all: submitted needs of every member and your drafts',
  })
  @IsOptional()
  @IsIn(['mine', 'all'], { message: 'scope must be mine or all' })
  scope: 'mine' | 'all' = 'all';

  @ApiPropertyOptional({ enum: ['draft', 'submitted'] })
  @IsOptional()
  @IsIn(['draft', 'submitted'], { message: 'status must be draft or submitted' })
  status?: 'draft' | 'submitted';

  @ApiPropertyOptional({ description: 'A lot id, or "none" for submitted needs in no lot' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f-]{36})$/i, { message: 'lot must be a lot id or none' })
  lot?: string;
}

export class NeedStatusDto {
  @ApiProperty({ enum: ['draft', 'submitted'], description: 'submitted shares the need with the consortium' })
  @IsIn(['draft', 'submitted'], { message: 'status must be draft or submitted' })
  status!: 'draft' | 'submitted';
}

export class ImportNeedsQueryDto {
  @ApiPropertyOptional({ description: 'Import the rows as submitted rather than drafts', default: false })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'submit must be true or false' })
  submit?: 'true' | 'false';
}

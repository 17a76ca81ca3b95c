import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: unread ones only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray({ message: 'ids must be a list of notification ids' })
  @ArrayMaxSize(500, { message: 'ids: at most 500 at a time' })
  @IsUUID('all', { each: true, message: 'ids must be notification ids (UUIDs)' })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every notification read' })
  @IsOptional()
  @IsBoolean({ message: 'all must be true or false' })
  all?: boolean;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS, { message: `kind must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  kind!: NotificationKind;

  @ApiProperty()
  @IsBoolean({ message: 'inApp must be true or false' })
  inApp!: boolean;

  @ApiProperty()
  @IsBoolean({ message: 'email must be true or false' })
  email!: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] })
  @IsArray({ message: 'preferences must be a list' })
  @ArrayMaxSize(NOTIFICATION_KINDS.length, { message: `preferences: at most ${NOTIFICATION_KINDS.length}` })
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  preferences!: NotificationPreferenceDto[];
}

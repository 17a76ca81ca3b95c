import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_RESPONSE_TEXT } from '@consortio/shared/contracts';
import { Trim } from './open-call.dto';

/** The text part of a response; files arrive as `attachments` parts of the same multipart form. */
export class SubmitResponseDto {
  @ApiProperty({ maxLength: MAX_RESPONSE_TEXT })
  @Trim()
  @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_RESPONSE_TEXT, { message: `text must be at most ${MAX_RESPONSE_TEXT} characters` })
  text!: string;
}

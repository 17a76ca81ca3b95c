import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import {
  MAX_QUESTION_TEXT,
  MAX_RESPONSE_TEXT,
  type OpenCallAnswerInput,
  type OpenCallQuestionInput,
} from '@consortio/shared/contracts';
import { Trim } from './open-call.dto';

export class AskQuestionDto implements OpenCallQuestionInput {
  @ApiProperty({ maxLength: MAX_QUESTION_TEXT })
  @Trim()
  @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_QUESTION_TEXT, { message: `text must be at most ${MAX_QUESTION_TEXT} characters` })
  text!: string;
}

export class AnswerQuestionDto implements OpenCallAnswerInput {
  @ApiProperty({ maxLength: MAX_RESPONSE_TEXT })
  @Trim()
  @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_RESPONSE_TEXT, { message: `text must be at most ${MAX_RESPONSE_TEXT} characters` })
  text!: string;

  @ApiProperty({
    description:
      'true: every supplier and the public read the question and answer, without the asker; false: only the consortium and the asker',
  })
  @IsBoolean({ message: 'publish must be true or false' })
  publish!: boolean;
}

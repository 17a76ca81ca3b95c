import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OpenCallQuestionView, Page } from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { AnswerQuestionDto, AskQuestionDto } from './dto/question.dto';
import { OpenCallQuestionsService } from './open-call-questions.service';
import { actingForSupplier } from './supplier-policy';

@ApiTags('open-calls')
@Controller('open-calls/:callId/questions')
export class OpenCallQuestionsController {
  constructor(private readonly questions: OpenCallQuestionsService) {}

  @Post()
  @Policy(actingForSupplier)
  @ApiOperation({
    summary: 'Ask a question (suppliers signed up to the call, while it is open; 409 after the deadline)',
  })
  ask(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Body() body: AskQuestionDto,
  ): Promise<OpenCallQuestionView> {
    return this.questions.ask(principal, callId, body.text);
  }

  @Get()
  @Policy(anyActing)
  @ApiOperation({
    summary:
      "Questions: all with who asked for the consortium's lead and members; published answers and its own questions for a supplier",
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OpenCallQuestionView>> {
    return this.questions.list(principal, callId, query.page, query.pageSize);
  }

  @Post(':questionId/answer')
  @HttpCode(HttpStatus.OK)
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary: 'Answer a question; published, every supplier and the public read it without the asker (lead and members)',
  })
  answer(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Param('questionId', uuid) questionId: string,
    @Body() body: AnswerQuestionDto,
  ): Promise<OpenCallQuestionView> {
    return this.questions.answer(principal, callId, questionId, body.text, body.publish);
  }
}

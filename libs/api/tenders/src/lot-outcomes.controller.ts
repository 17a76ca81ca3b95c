import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AwardView, EvaluationRecordView, TenderSavingsView } from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { AwardLotDto } from './dto/award.dto';
import { RecordEvaluationDto } from './dto/evaluation.dto';
import { LotAwardsService } from './lot-awards.service';
import { LotEvaluationsService } from './lot-evaluations.service';

/** Evaluation and award of each lot, and the savings they add up to. */
@ApiTags('tenders')
@Controller('tenders/:tenderId')
export class LotOutcomesController {
  constructor(
    private readonly evaluations: LotEvaluationsService,
    private readonly awards: LotAwardsService,
  ) {}

  @Put('lots/:lotId/evaluation')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      "Record the evaluation of a lot's tenders: bidders with scores per criterion kind and prices, ranked by the lot's criteria (else the tender's); at evaluation, until the lot is awarded",
  })
  recordEvaluation(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
    @Body() body: RecordEvaluationDto,
  ): Promise<EvaluationRecordView> {
    return this.evaluations.record(principal, tenderId, lotId, body);
  }

  @Get('lots/:lotId/evaluation')
  @Policy(anyActing)
  @ApiOperation({ summary: "A lot's evaluation record with the ranking, who recorded it and when" })
  evaluation(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
  ): Promise<EvaluationRecordView> {
    return this.evaluations.get(principal, tenderId, lotId);
  }

  @Post('lots/:lotId/award')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary: 'Award a lot to one of the bidders in its evaluation record; 409 with the reason when the rules refuse',
  })
  award(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
    @Body() body: AwardLotDto,
  ): Promise<AwardView> {
    return this.awards.award(principal, tenderId, lotId, body);
  }

  @Delete('lots/:lotId/award')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Withdraw the award of a lot (at evaluation, e.g. after an award is set aside)' })
  withdrawAward(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
  ): Promise<void> {
    return this.awards.withdraw(principal, tenderId, lotId);
  }

  @Get('awards')
  @Policy(anyActing)
  @ApiOperation({ summary: 'The awards of the lots, by lot number' })
  listAwards(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<AwardView[]> {
    return this.awards.list(principal, tenderId);
  }

  @Get('savings')
  @Policy(anyActing)
  @ApiOperation({
    summary:
      "What pooling saved: each lot's awarded value against the members' own budgets for the needs behind it, and the total over the awarded lots",
  })
  savings(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderSavingsView> {
    return this.awards.savings(principal, tenderId);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MunicipalityMatchView, Page, ThresholdPeriodView } from '@consortio/shared/contracts';
import { adviseProcedure, type ProcedureAdvice } from '@consortio/shared/domain';
import { anyActing, CurrentPrincipal, Policies, Policy, type Principal } from '@consortio/api/platform/auth';
import { PageQueryDto, RequestValidationException } from '@consortio/api/platform/http';
import { DiscoveryService } from './discovery.service';
import { MunicipalityQueryDto } from './dto/consortium.dto';
import { ProcedureQuestionsDto, ThresholdPeriodDto } from './dto/pooling.dto';
import { PooledDemandService } from './pooled-demand.service';

@ApiTags('procurement advice')
@Controller()
export class AdviceController {
  constructor(
    private readonly pooling: PooledDemandService,
    private readonly discovery: DiscoveryService,
  ) {}

  @Get('thresholds')
  @Policy(Policies.public)
  @ApiOperation({ summary: 'The dated table of EU thresholds the platform applies' })
  thresholds(): Promise<ThresholdPeriodView[]> {
    return this.pooling.thresholds();
  }

  @Put('thresholds/:from')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Add the figures of a new period, from a date (platform administrators)' })
  putThresholds(
    @CurrentPrincipal() principal: Principal,
    @Param('from') from: string,
    @Body() body: ThresholdPeriodDto,
  ): Promise<ThresholdPeriodView[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from)))
      throw new RequestValidationException([{ field: 'from', message: 'from must be a date such as 2028-01-01' }]);
    return this.pooling.putThresholds(principal, from, body);
  }

  @Post('procedure-advice')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Recommended procedure from four questions, with the reasons and the article' })
  procedureAdvice(@Body() body: ProcedureQuestionsDto): ProcedureAdvice {
    return adviseProcedure(body);
  }

  @Get('municipalities')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Verified municipalities by need (CPV prefix of submitted needs), region and size' })
  municipalities(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MunicipalityQueryDto,
  ): Promise<Page<MunicipalityMatchView>> {
    return this.discovery.municipalities(principal, query);
  }

  @Get('municipalities/near-me')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Municipalities ranked by the needs they share with yours, then by region' })
  nearMe(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<MunicipalityMatchView>> {
    return this.discovery.nearMe(principal, query.page, query.pageSize);
  }
}

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { KpiValueView, PilotEvaluationView, TenderKpiView, TenderSiteView } from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { CreateKpiDto, CreateSiteDto, KpiValueDto, PilotEvaluationDto, UpdateKpiDto } from './dto/scale-up.dto';
import { ScaleUpService } from './scale-up.service';
import { TenderKpisService } from './tender-kpis.service';

/** From pilot to city to region: sites, KPIs with the figures members report, and the pilot's results. */
@ApiTags('tenders')
@Controller('tenders/:tenderId')
export class ScaleUpController {
  constructor(
    private readonly scaleUp: ScaleUpService,
    private readonly kpis: TenderKpisService,
  ) {}

  @Get('sites')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Where the solution runs: pilot, city and region sites' })
  sites(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderSiteView[]> {
    return this.scaleUp.sites(principal, tenderId);
  }

  @Post('sites')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Add a site of a participating organisation (from the signed contract on)' })
  addSite(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: CreateSiteDto,
  ): Promise<TenderSiteView> {
    return this.scaleUp.addSite(principal, tenderId, body);
  }

  @Delete('sites/:siteId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Remove a site' })
  removeSite(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('siteId', uuid) siteId: string,
  ): Promise<void> {
    return this.scaleUp.removeSite(principal, tenderId, siteId);
  }

  @Get('kpis')
  @Policy(anyActing)
  @ApiOperation({ summary: 'KPIs with baseline, target and the figures reported per period' })
  listKpis(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderKpiView[]> {
    return this.kpis.list(principal, tenderId);
  }

  @Post('kpis')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Define a KPI with its unit, baseline and target (from the signed contract on)' })
  createKpi(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: CreateKpiDto,
  ): Promise<TenderKpiView> {
    return this.kpis.create(principal, tenderId, body);
  }

  @Patch('kpis/:kpiId')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Rename a KPI or change its unit, baseline or target' })
  updateKpi(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('kpiId', uuid) kpiId: string,
    @Body() body: UpdateKpiDto,
  ): Promise<TenderKpiView> {
    return this.kpis.update(principal, tenderId, kpiId, body);
  }

  @Put('kpis/:kpiId/values/:period')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      "Enter the acting organisation's figure of a KPI for a month (2027-03) or quarter (2027-Q1) that has begun; again to correct it",
  })
  putKpiValue(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('kpiId', uuid) kpiId: string,
    @Param('period') period: string,
    @Body() body: KpiValueDto,
  ): Promise<KpiValueView> {
    return this.kpis.putValue(principal, tenderId, kpiId, period, body.value);
  }

  @Get('pilot-evaluation')
  @Policy(anyActing)
  @ApiOperation({ summary: "The pilot's recorded results" })
  pilotEvaluation(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<PilotEvaluationView> {
    return this.scaleUp.pilotEvaluation(principal, tenderId);
  }

  @Post('pilot-evaluation')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary: "Record the pilot's results and outcome (at pilot; again to revise); a city rollout needs them",
  })
  evaluatePilot(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: PilotEvaluationDto,
  ): Promise<PilotEvaluationView> {
    return this.scaleUp.evaluatePilot(principal, tenderId, body);
  }
}

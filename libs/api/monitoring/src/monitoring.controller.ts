import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import {
  MONITORING_TABLES,
  type MonitoringAlertView,
  type MonitoringConsortiumDetail,
  type MonitoringConsortiumPage,
  type MonitoringDashboard,
  type MonitoringTable,
  type MonitoringTenderDetail,
  type MonitoringTenderPage,
  type ObserverNoteView,
  type Page,
} from '@consortio/shared/contracts';
import { anyActing, CurrentPrincipal, Policy, type Principal } from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { actingForAuthority } from '@consortio/api/open-data';
import {
  MonitoringAlertQueryDto,
  MonitoringFiltersDto,
  MonitoringPageQueryDto,
  MonitoringTenderQueryDto,
  ObserverNoteDto,
} from './dto/monitoring.dto';
import { MonitoringService } from './monitoring.service';
import { ObserverNotesService } from './observer-notes.service';

/** What ministries and regional authorities see of the tenders in their jurisdiction; read-only but for notes. */
@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly notes: ObserverNotesService,
  ) {}

  @Get('dashboard')
  @Policy(actingForAuthority)
  @ApiOperation({
    summary:
      "The observer's dashboard: participation by region, pooled value, stages, time to publication, stalled tenders, deadlines, scale-up, savings and KPIs, as of the last refresh",
  })
  dashboard(
    @CurrentPrincipal() principal: Principal,
    @Query() filters: MonitoringFiltersDto,
  ): Promise<MonitoringDashboard> {
    return this.monitoring.dashboard(principal, filters);
  }

  @Get('tenders')
  @Policy(actingForAuthority)
  @ApiOperation({
    summary:
      'Tenders in the jurisdiction matching the filters, newest first (stalled=true: the stalled ones, longest first)',
  })
  tenders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MonitoringTenderQueryDto,
  ): Promise<MonitoringTenderPage> {
    return this.monitoring.tenders(principal, query);
  }

  @Get('tenders/:tenderId')
  @Policy(actingForAuthority)
  @ApiOperation({
    summary: 'One tender in the jurisdiction, read-only: members, lots, milestones, stages, sites, alerts, notes',
  })
  tender(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<MonitoringTenderDetail> {
    return this.monitoring.tenderDetail(principal, tenderId);
  }

  @Post('tenders/:tenderId/notes')
  @Policy(actingForAuthority)
  @ApiOperation({
    summary: "Leave a note on a tender in the jurisdiction; the consortium's lead is told and its members read it",
  })
  note(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: ObserverNoteDto,
  ): Promise<ObserverNoteView> {
    return this.notes.create(principal, tenderId, body);
  }

  @Get('consortia')
  @Policy(actingForAuthority)
  @ApiOperation({ summary: 'Consortia with a participant in the jurisdiction matching the filters, newest first' })
  consortia(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MonitoringPageQueryDto,
  ): Promise<MonitoringConsortiumPage> {
    return this.monitoring.consortia(principal, query);
  }

  @Get('consortia/:consortiumId')
  @Policy(actingForAuthority)
  @ApiOperation({ summary: 'One consortium in the jurisdiction, read-only: members and tenders' })
  consortium(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) consortiumId: string,
  ): Promise<MonitoringConsortiumDetail> {
    return this.monitoring.consortiumDetail(principal, consortiumId);
  }

  @Get('tables/:name.csv')
  @Policy(actingForAuthority)
  @ApiParam({ name: 'name', enum: MONITORING_TABLES })
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'A table of the dashboard as CSV (UTF-8 with a byte-order mark), for the same filters; streamed',
  })
  async table(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Query() filters: MonitoringFiltersDto,
    @Res() response: Response,
  ): Promise<void> {
    if (!(MONITORING_TABLES as readonly string[]).includes(name)) {
      throw new NotFoundException(`There is no table ${name}; the tables are ${MONITORING_TABLES.join(', ')}.`);
    }
    const table = name as MonitoringTable;
    const chunks = this.monitoring.table(principal, table, filters);
    const region = filters.region ?? principal.acting?.jurisdiction?.toUpperCase() ?? 'all';
    response.status(200).set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="monitoring-${table}-${region}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    });
    await pipeline(Readable.from(chunks), response);
  }

  @Get('alerts')
  @Policy(actingForAuthority)
  @ApiOperation({
    summary: 'Alerts on tenders in the jurisdiction (stalled, milestone missed), newest first; open=true: not cleared',
  })
  alerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MonitoringAlertQueryDto,
  ): Promise<Page<MonitoringAlertView>> {
    return this.monitoring.alerts(principal, query);
  }
}

/** The consortium's side of observer notes, on its tender. */
@ApiTags('monitoring')
@Controller('tenders/:tenderId/observer-notes')
export class TenderObserverNotesController {
  constructor(private readonly notes: ObserverNotesService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({
    summary:
      "Notes ministries and regions left on the tender, newest first, for the consortium's members and observers",
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ObserverNoteView>> {
    return this.notes.forConsortium(principal, tenderId, query.page, query.pageSize);
  }
}

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  TenderLotView,
  TenderMilestoneView,
  TenderRoadmapItemView,
  TenderSummary,
  TenderView,
  TenderWeightsPreviewView,
} from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { CreateLotDto, UpdateLotDto } from './dto/lot.dto';
import { CreateMilestoneDto, UpdateMilestoneDto } from './dto/milestone.dto';
import {
  CreateTenderDto,
  RoadmapQueryDto,
  TenderListQueryDto,
  TransitionDto,
  UpdateTenderDto,
  WeightsPreviewQueryDto,
} from './dto/tender.dto';
import { MilestonesService } from './milestones.service';
import { TenderLotsService } from './tender-lots.service';
import { TenderStagesService } from './tender-stages.service';
import { TendersService } from './tenders.service';

@ApiTags('tenders')
@Controller()
export class TendersController {
  constructor(
    private readonly tenders: TendersService,
    private readonly stages: TenderStagesService,
  ) {}

  // Declared before `tenders/:tenderId`, which would otherwise take "roadmap" for an id.
  @Get('tenders/roadmap')
  @Policy(anyActing)
  @ApiOperation({
    summary:
      "Tenders of every consortium the caller's organisation belongs to, with their next planned milestone in a window (default: next calendar year)",
  })
  roadmap(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RoadmapQueryDto,
  ): Promise<Page<TenderRoadmapItemView>> {
    return this.tenders.roadmap(principal, query, query.page, query.pageSize);
  }

  @Get('tenders')
  @Policy(anyActing)
  @ApiOperation({
    summary: "Tenders of every consortium the caller's organisation belongs to, newest first, optionally at one stage",
  })
  mine(@CurrentPrincipal() principal: Principal, @Query() query: TenderListQueryDto): Promise<Page<TenderSummary>> {
    return this.tenders.mine(principal, query, query.page, query.pageSize);
  }

  @Get('consortia/:consortiumId/tenders')
  @Policy(anyActing)
  @ApiOperation({ summary: "A consortium's tenders, newest first (members and observers)" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) consortiumId: string,
    @Query() query: TenderListQueryDto,
  ): Promise<Page<TenderSummary>> {
    return this.tenders.list(principal, consortiumId, query, query.page, query.pageSize);
  }

  @Post('consortia/:consortiumId/tenders')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      "Start a tender from the consortium's pooled demand: its lots with submitted needs, and their total as the estimated value unless given (lead and members)",
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) consortiumId: string,
    @Body() body: CreateTenderDto,
  ): Promise<TenderView> {
    return this.tenders.create(principal, consortiumId, body);
  }

  @Get('tenders/:tenderId')
  @Policy(anyActing)
  @ApiOperation({ summary: 'A tender: lots, criteria, milestones, and the stages it can move to with what stops it' })
  get(@CurrentPrincipal() principal: Principal, @Param('tenderId', uuid) id: string): Promise<TenderView> {
    return this.tenders.get(principal, id);
  }

  @Patch('tenders/:tenderId')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      'Change title, procedure, estimated value, lot rules, award criteria, the linked specification version, the tender deadline or the contract date; what the notice states is fixed once published',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) id: string,
    @Body() body: UpdateTenderDto,
  ): Promise<TenderView> {
    return this.tenders.update(principal, id, body);
  }

  @Post('tenders/:tenderId/transitions')
  @HttpCode(HttpStatus.OK)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Move the tender to another stage; 409 with the reason when the rules refuse' })
  transition(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) id: string,
    @Body() body: TransitionDto,
  ): Promise<TenderView> {
    return this.stages.transition(principal, id, body.to, body.reason);
  }

  @Get('tenders/:tenderId/weights-preview')
  @Policy(anyActing)
  @ApiOperation({ summary: 'How the award criteria weigh a cheap plain bid against a dearer, much better one' })
  weightsPreview(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) id: string,
    @Query() query: WeightsPreviewQueryDto,
  ): Promise<TenderWeightsPreviewView> {
    return this.tenders.weightsPreview(principal, id, query.lotId);
  }
}

@ApiTags('tenders')
@Controller('tenders/:tenderId/lots')
export class TenderLotsController {
  constructor(private readonly lots: TenderLotsService) {}

  @Post()
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Add a lot with its CPV codes, value and member organisations (until published)' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: CreateLotDto,
  ): Promise<TenderLotView> {
    return this.lots.create(principal, tenderId, body);
  }

  @Patch(':lotId')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Change a lot (until published)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
    @Body() body: UpdateLotDto,
  ): Promise<TenderLotView> {
    return this.lots.update(principal, tenderId, lotId, body);
  }

  @Delete(':lotId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Remove a lot (until published); the others keep their numbers' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('lotId', uuid) lotId: string,
  ): Promise<void> {
    return this.lots.remove(principal, tenderId, lotId);
  }
}

@ApiTags('tenders')
@Controller('tenders/:tenderId/milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: 'Milestones of the tender by planned date' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderMilestoneView[]> {
    return this.milestones.list(principal, tenderId);
  }

  @Post()
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Plan a milestone' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: CreateMilestoneDto,
  ): Promise<TenderMilestoneView> {
    return this.milestones.create(principal, tenderId, body);
  }

  @Patch(':milestoneId')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Rename or move a milestone, or enter the day it was reached' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('milestoneId', uuid) milestoneId: string,
    @Body() body: UpdateMilestoneDto,
  ): Promise<TenderMilestoneView> {
    return this.milestones.update(principal, tenderId, milestoneId, body);
  }

  @Delete(':milestoneId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Remove a milestone' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Param('milestoneId', uuid) milestoneId: string,
  ): Promise<void> {
    return this.milestones.remove(principal, tenderId, milestoneId);
  }
}

import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DecisionView, Page } from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
} from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { DecisionsService } from './decisions.service';
import { ProposeDecisionDto, VoteDto } from './dto/decision.dto';

export class DecisionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'], { message: 'status must be open or closed' })
  status?: 'open' | 'closed';
}

@ApiTags('consortia')
@Controller('consortia/:consortiumId/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: 'Decisions, open ones first, with live counts' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Query() query: DecisionListQueryDto,
  ): Promise<Page<DecisionView>> {
    return this.decisions.list(principal, id, query.status, query.page, query.pageSize);
  }

  @Post()
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Propose a motion with options, quorum, majority and a deadline' })
  propose(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: ProposeDecisionDto,
  ): Promise<DecisionView> {
    return this.decisions.propose(principal, id, body);
  }

  @Get(':decisionId')
  @Policy(anyActing)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('decisionId', uuid) decisionId: string,
  ): Promise<DecisionView> {
    return this.decisions.get(principal, id, decisionId);
  }

  @Put(':decisionId/vote')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: "Cast or change the acting organisation's vote until the deadline" })
  vote(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('decisionId', uuid) decisionId: string,
    @Body() body: VoteDto,
  ): Promise<DecisionView> {
    return this.decisions.vote(principal, id, decisionId, body.option);
  }
}

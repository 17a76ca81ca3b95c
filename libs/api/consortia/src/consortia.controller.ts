import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ConsortiumApplicationView,
  type ConsortiumMemberView,
  type ConsortiumSummary,
  type ConsortiumView,
  type Page,
} from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
} from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { ApplicationsService } from './applications.service';
import { ConsortiaService } from './consortia.service';
import {
  ApplicationDecisionDto,
  ApplicationListQueryDto,
  ChangeMemberRoleDto,
  ChangeStatusDto,
  ConsortiumListQueryDto,
  CreateConsortiumDto,
  InviteDto,
  JoinRequestDto,
  UpdateConsortiumDto,
} from './dto/consortium.dto';

@ApiTags('consortia')
@Controller('consortia')
export class ConsortiaController {
  constructor(
    private readonly consortia: ConsortiaService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @Policy(Policies.public)
  @ApiOperation({
    summary: 'The public directory of listed consortia, by need (CPV prefix), region (NUTS prefix) and size',
  })
  directory(@Query() query: ConsortiumListQueryDto): Promise<Page<ConsortiumSummary>> {
    return this.consortia.listPublic(query);
  }

  @Get('mine')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Consortia the acting organisation leads, belongs to or observes' })
  mine(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ConsortiumListQueryDto,
  ): Promise<Page<ConsortiumSummary>> {
    return this.consortia.listMine(principal, query);
  }

  @Post()
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Start a consortium; the acting organisation becomes its lead' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateConsortiumDto): Promise<ConsortiumView> {
    return this.consortia.create(principal, body);
  }

  @Get(':consortiumId')
  @Policy(Policies.signedIn)
  get(@CurrentPrincipal() principal: Principal, @Param('consortiumId', uuid) id: string): Promise<ConsortiumView> {
    return this.consortia.get(principal, id);
  }

  @Patch(':consortiumId')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Change name, description, domain, listing or intended CPV codes (lead)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: UpdateConsortiumDto,
  ): Promise<ConsortiumView> {
    return this.consortia.update(principal, id, body);
  }

  @Post(':consortiumId/status')
  @HttpCode(HttpStatus.OK)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Move the consortium along forming → active → tendering → contracted → closed (lead)' })
  changeStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: ChangeStatusDto,
  ): Promise<ConsortiumView> {
    return this.consortia.changeStatus(principal, id, body.status);
  }

  @Get(':consortiumId/members')
  @Policy(anyActing)
  members(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ConsortiumMemberView>> {
    return this.consortia.members(principal, id, query.page, query.pageSize);
  }

  @Patch(':consortiumId/members/:organisationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: "Change a member's role; role lead hands the lead over (lead)" })
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<void> {
    return this.consortia.changeMemberRole(principal, id, organisationId, body.role);
  }

  @Delete(':consortiumId/members/:organisationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Leave (your own organisation) or remove a member (lead); refused while bound by a tender' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('organisationId', uuid) organisationId: string,
  ): Promise<void> {
    return this.consortia.removeMember(principal, id, organisationId);
  }

  @Get(':consortiumId/applications')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Invitations and requests to join, pending first' })
  applicationsOf(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Query() query: ApplicationListQueryDto,
  ): Promise<Page<ConsortiumApplicationView>> {
    return this.applications.listForConsortium(principal, id, query.status, query.page, query.pageSize);
  }

  @Post(':consortiumId/invitations')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Invite an organisation (lead)' })
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: InviteDto,
  ): Promise<ConsortiumApplicationView> {
    return this.applications.invite(principal, id, body.organisationId, body.role ?? 'member', body.message);
  }

  @Post(':consortiumId/join-requests')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Ask to join a listed consortium' })
  requestToJoin(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: JoinRequestDto,
  ): Promise<ConsortiumApplicationView> {
    return this.applications.request(principal, id, body.role ?? 'member', body.message);
  }

  @Post(':consortiumId/applications/:applicationId')
  @HttpCode(HttpStatus.OK)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Accept or decline (the side asked), or withdraw (the side that asked)' })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('applicationId', uuid) applicationId: string,
    @Body() body: ApplicationDecisionDto,
  ): Promise<ConsortiumApplicationView> {
    return this.applications.decide(principal, id, applicationId, body.decision);
  }
}

@ApiTags('consortia')
@Controller('consortium-applications')
export class MyApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: 'Invitations to, and requests to join of, the acting organisation' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ApplicationListQueryDto,
  ): Promise<Page<ConsortiumApplicationView>> {
    return this.applications.listForOrganisation(principal, query.status, query.page, query.pageSize);
  }
}

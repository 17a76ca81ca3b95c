import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  type AuditEventView,
  MEMBERSHIP_ROLES,
  type MemberView,
  type MeView,
  type OrganisationView,
  type Page,
} from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import { CurrentPrincipal, Policies, Policy, type Principal, RateLimiter } from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { ChangeRoleDto, VerificationDecisionDto } from './dto/membership.dto';
import { OrganisationListQueryDto } from './dto/organisation-list-query.dto';
import { RegisterOrganisationDto } from './dto/register-organisation.dto';
import { OrganisationsService } from './organisations.service';

const anyMember = Policies.organisationRole(MEMBERSHIP_ROLES);
const orgAdmin = Policies.organisationRole(['org-admin']);

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
  ) {}

  @Post()
  @Policy(Policies.public)
  @ApiOperation({
    summary: 'Register an organisation and its first administrator (public-sector ones await verification)',
  })
  async register(
    @Body() body: RegisterOrganisationDto,
    @Req() request: Request,
  ): Promise<{ organisation: OrganisationView; user: MeView }> {
    await this.limiter.consume({ name: 'register', limit: 10, windowSeconds: 3600 }, [request.ip ?? 'unknown']);
    return this.organisations.register(body);
  }

  @Get()
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'All organisations; with verification=pending, the verification queue' })
  list(@Query() query: OrganisationListQueryDto): Promise<Page<OrganisationView>> {
    return this.organisations.list({ kind: query.kind, verification: query.verification }, query.page, query.pageSize);
  }

  @Get(':organisationId')
  @Policy(Policies.anyOf(anyMember, Policies.platformAdmin))
  get(@Param('organisationId', uuid) organisationId: string): Promise<OrganisationView> {
    return this.organisations.get(organisationId);
  }

  @Post(':organisationId/verification')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Verify or reject a public-sector organisation' })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: VerificationDecisionDto,
  ): Promise<OrganisationView> {
    return this.organisations.decideVerification(principal, organisationId, body.decision, body.note);
  }

  @Get(':organisationId/members')
  @Policy(Policies.anyOf(anyMember, Policies.platformAdmin))
  members(
    @Param('organisationId', uuid) organisationId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MemberView>> {
    return this.organisations.members(organisationId, query.page, query.pageSize);
  }

  @Patch(':organisationId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(orgAdmin)
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Param('userId', uuid) userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<void> {
    return this.organisations.changeMembership(principal, organisationId, userId, body.role);
  }

  @Delete(':organisationId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(orgAdmin)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    return this.organisations.changeMembership(principal, organisationId, userId, null);
  }

  @Get(':organisationId/audit-events')
  @Policy(Policies.anyOf(orgAdmin, Policies.platformAdmin))
  @ApiOperation({ summary: "The organisation's audit trail, newest first" })
  auditTrail(
    @Param('organisationId', uuid) organisationId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEventView>> {
    return this.audit.list(organisationId, query.page, query.pageSize);
  }
}

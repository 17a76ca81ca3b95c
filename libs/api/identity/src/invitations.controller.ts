import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { InvitationAccepted, InvitationPreview, InvitationView, Page } from '@consortio/shared/contracts';
import { CurrentPrincipal, Policies, Policy, type Principal, RateLimiter } from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { AcceptInvitationDto, CreateInvitationDto, TokenDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

const orgAdmin = Policies.organisationRole(['org-admin']);

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly limiter: RateLimiter,
  ) {}

  @Post('organisations/:organisationId/invitations')
  @Policy(orgAdmin)
  @ApiOperation({ summary: 'Invite a person by e-mail (a single-use link, valid 7 days)' })
  async invite(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: CreateInvitationDto,
  ): Promise<InvitationView> {
    await this.limiter.consume({ name: 'invite', limit: 50, windowSeconds: 3600 }, [principal.userId]);
    return this.invitations.invite(principal, organisationId, body);
  }

  @Get('organisations/:organisationId/invitations')
  @Policy(orgAdmin)
  list(
    @Param('organisationId', uuid) organisationId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<InvitationView>> {
    return this.invitations.list(organisationId, query.page, query.pageSize);
  }

  @Delete('organisations/:organisationId/invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(orgAdmin)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Param('invitationId', uuid) invitationId: string,
  ): Promise<void> {
    return this.invitations.revoke(principal, organisationId, invitationId);
  }

  @Post('invitations/preview')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'What an invitation link offers (the token travels in the body, not the URL)' })
  async preview(@Body() body: TokenDto, @Req() request: Request): Promise<InvitationPreview> {
    await this.limiter.consume({ name: 'invitation-token', limit: 30, windowSeconds: 300 }, [request.ip ?? 'unknown']);
    return this.invitations.preview(body.token);
  }

  @Post('invitations/accept')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Accept an invitation; creates the account when none exists for the address' })
  async accept(@Body() body: AcceptInvitationDto, @Req() request: Request): Promise<InvitationAccepted> {
    await this.limiter.consume({ name: 'invitation-token', limit: 30, windowSeconds: 300 }, [request.ip ?? 'unknown']);
    return this.invitations.accept(body);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  OpenCallPublicView,
  OpenCallRegistrationView,
  OpenCallSummary,
  OpenCallView,
  Page,
  SupplierOpenCallView,
} from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import {
  CreateOpenCallDto,
  OpenCallListQueryDto,
  SupplierCallListQueryDto,
  UpdateOpenCallDto,
} from './dto/open-call.dto';
import { OpenCallRegistrationsService } from './open-call-registrations.service';
import { OpenCallsService } from './open-calls.service';
import { actingForSupplier } from './supplier-policy';

@ApiTags('open-calls')
@Controller('tenders/:tenderId/open-calls')
export class TenderOpenCallsController {
  constructor(private readonly calls: OpenCallsService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: "The tender's open calls, drafts included, newest round first (its consortium)" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OpenCallView>> {
    return this.calls.listForTender(principal, tenderId, query.page, query.pageSize);
  }

  @Post()
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      'Draft an open call (market consultation or call for tenders) as the next round of the tender (lead and members)',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: CreateOpenCallDto,
  ): Promise<OpenCallView> {
    return this.calls.create(principal, tenderId, body);
  }
}

@ApiTags('open-calls')
@Controller('open-calls')
export class OpenCallsController {
  constructor(
    private readonly calls: OpenCallsService,
    private readonly registrations: OpenCallRegistrationsService,
  ) {}

  @Get()
  @Policy(Policies.public)
  @ApiOperation({
    summary: 'Published open calls, open ones first by deadline, then upcoming, then closed; no sign-in needed',
  })
  listPublished(@Query() query: OpenCallListQueryDto): Promise<Page<OpenCallSummary>> {
    return this.calls.listPublished({ status: query.status, q: query.q }, query.page, query.pageSize);
  }

  // Declared before `:callId`, which would otherwise take "mine" for an id.
  @Get('mine')
  @Policy(actingForSupplier)
  @ApiOperation({
    summary:
      "The calls the supplier's organisation signed up for, open ones first by deadline, with its number of responses to each",
  })
  mine(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SupplierCallListQueryDto,
  ): Promise<Page<SupplierOpenCallView>> {
    return this.registrations.mine(principal, { status: query.status }, query.page, query.pageSize);
  }

  @Get(':callId')
  @Policy(Policies.public)
  @ApiOperation({
    summary:
      'The public page of a published call: buyer, lots with CPV codes and values, dates, status by server time, published answers',
  })
  getPublished(@Param('callId', uuid) callId: string): Promise<OpenCallPublicView> {
    return this.calls.getPublished(callId);
  }

  @Get(':callId/consortium-view')
  @Policy(anyActing)
  @ApiOperation({
    summary:
      'One call as its consortium sees it, drafts included, with counts of sign-ups, questions and responses (lead, members and observers)',
  })
  getForConsortium(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
  ): Promise<OpenCallView> {
    return this.calls.getForConsortium(principal, callId);
  }

  @Patch(':callId')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary: 'Change a draft; once published only extend closesAt, which reschedules the closing (lead and members)',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Body() body: UpdateOpenCallDto,
  ): Promise<OpenCallView> {
    return this.calls.update(principal, callId, body);
  }

  @Post(':callId/publish')
  @HttpCode(HttpStatus.OK)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Publish a draft: public from now on, closing by itself at closesAt (lead and members)' })
  publish(@CurrentPrincipal() principal: Principal, @Param('callId', uuid) callId: string): Promise<OpenCallView> {
    return this.calls.publish(principal, callId);
  }

  @Post(':callId/registrations')
  @Policy(actingForSupplier)
  @ApiOperation({ summary: "Sign the supplier's organisation up to a published call (again: the same sign-up)" })
  register(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
  ): Promise<OpenCallRegistrationView> {
    return this.registrations.register(principal, callId);
  }

  @Get(':callId/registrations')
  @Policy(anyActing)
  @ApiOperation({ summary: "Sign-ups: all for the consortium's lead and members, a supplier's own for a supplier" })
  listRegistrations(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OpenCallRegistrationView>> {
    return this.registrations.list(principal, callId, query.page, query.pageSize);
  }
}

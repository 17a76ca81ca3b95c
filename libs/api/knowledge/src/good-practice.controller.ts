import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  GoodPracticePage,
  GoodPracticeView,
  TenderGoodPracticeView,
  TenderView,
} from '@consortio/shared/contracts';
import { ReplicateTenderDto } from '@consortio/api/tenders';
import {
  anyActing,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { GoodPracticeDto, GoodPracticeQueryDto, UpdateGoodPracticeDto } from './dto/good-practice.dto';
import { GoodPracticeLibraryService } from './good-practice-library.service';
import { GoodPracticeService } from './good-practice.service';
import { OptionalPrincipal } from './optional-principal';

/** The public library of finished tenders told as cases. */
@ApiTags('good-practice')
@Controller('good-practice')
export class GoodPracticeController {
  constructor(private readonly library: GoodPracticeLibraryService) {}

  @Get()
  @Policy(Policies.public)
  @ApiOperation({
    summary:
      'Search the good-practice library (no sign-in): words in title, summary and lessons, domain, CPV prefix, procedure, country; ranked by relevance with a search, else newest first; with facet counts and highlighted passages',
  })
  search(@Query() query: GoodPracticeQueryDto): Promise<GoodPracticePage> {
    const { q, domain, cpv, procedure, country } = query;
    return this.library.search({ q, domain, cpv, procedure, country }, query.page, query.pageSize);
  }

  @Get(':caseId')
  @Policy(Policies.public)
  @ApiOperation({
    summary:
      'One case (no sign-in): what was bought, procedure, lessons, KPIs with baseline, target and latest actual, savings; the tender id for members of its consortium',
  })
  get(
    @OptionalPrincipal() principal: Principal | null,
    @Param('caseId', uuid) caseId: string,
  ): Promise<GoodPracticeView> {
    return this.library.get(caseId, principal);
  }

  @Post(':caseId/replications')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      "Copy the case's tender as a new tender at needs assessment, linked to it in the lineage, into the caller's consortium (lead and members of it) or with ownOrganisation into a new consortium of one of the acting organisation",
  })
  replicate(
    @CurrentPrincipal() principal: Principal,
    @Param('caseId', uuid) caseId: string,
    @Body() body: ReplicateTenderDto,
  ): Promise<TenderView> {
    return this.library.replicate(principal, caseId, body);
  }
}

/** A tender's case in the library, as its consortium publishes, changes and withdraws it. */
@ApiTags('good-practice')
@Controller('tenders/:tenderId/good-practice')
export class TenderGoodPracticeController {
  constructor(private readonly cases: GoodPracticeService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({
    summary: "The tender's case, if published, and whether the caller may publish, change or withdraw it",
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderGoodPracticeView> {
    return this.cases.forTender(principal, tenderId);
  }

  @Post()
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      'Publish a closed tender that had a signed contract as a good-practice case, keeping its KPIs and savings as they stand (lead and members)',
  })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: GoodPracticeDto,
  ): Promise<GoodPracticeView> {
    return this.cases.publish(principal, tenderId, body);
  }

  @Patch()
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: "Change the case's title, summary or lessons (lead and members)" })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: UpdateGoodPracticeDto,
  ): Promise<GoodPracticeView> {
    return this.cases.update(principal, tenderId, body);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Withdraw the case from the library (the lead organisation)' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('tenderId', uuid) tenderId: string): Promise<void> {
    return this.cases.withdraw(principal, tenderId);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TenderLineageView, TenderView } from '@consortio/shared/contracts';
import {
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { ReplicateTenderDto } from './dto/replication.dto';
import { ReplicationsService } from './replications.service';

@ApiTags('tenders')
@Controller('tenders/:tenderId')
export class ReplicationsController {
  constructor(private readonly replications: ReplicationsService) {}

  @Post('replications')
  @Policy(writingForOrganisation)
  @ApiOperation({
    summary:
      "Copy a published tender as a new tender at needs assessment into the caller's consortium (lead and members of it), or with ownOrganisation into a new consortium of one of the acting organisation (verified public bodies): title, procedure, lots with CPV codes and values, criteria, lot rules, and the published specification version as a specification of the new consortium's own",
  })
  replicate(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: ReplicateTenderDto,
  ): Promise<TenderView> {
    return this.replications.replicate(principal, tenderId, body);
  }

  @Get('lineage')
  @Policy(anyActing)
  @ApiOperation({
    summary:
      'The origin of the tender and every replica of it, with consortium, region and stage (anyone who may read the origin; everyone once it is published)',
  })
  lineage(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
  ): Promise<TenderLineageView> {
    return this.replications.lineage(principal, tenderId);
  }
}

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
      "Copy a published tender into the caller's consortium as a new tender at needs assessment: title, procedure, lots with CPV codes and values, criteria, lot rules and specification version (lead and members of that consortium)",
  })
  replicate(
    @CurrentPrincipal() principal: Principal,
    @Param('tenderId', uuid) tenderId: string,
    @Body() body: ReplicateTenderDto,
  ): Promise<TenderView> {
    return this.replications.replicate(principal, tenderId, body.consortiumId);
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

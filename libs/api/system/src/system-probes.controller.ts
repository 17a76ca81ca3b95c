import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Page, ProbeView } from '@consortio/shared/contracts';
import { Policies, Policy } from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { CreateProbeDto } from './dto/create-probe.dto';
import { ProbeDto, ProbePageDto } from './dto/probe.dto';
import { SystemProbesService } from './system-probes.service';

// Probes show only that the platform works; anyone may run one, as with the health endpoints.
@ApiTags('system')
@Policy(Policies.public)
@Controller('system/probes')
export class SystemProbesController {
  constructor(private readonly probes: SystemProbesService) {}

  @Post()
  @ApiOperation({
    summary: 'Run an end-to-end check of the background path',
    description:
      'Creates a probe and its job in one transaction (outbox); a worker completes it. Subscribers of the "system" event channel see it change live.',
  })
  @ApiCreatedResponse({ type: ProbeDto })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields (problem+json with `errors`)' })
  create(@Body() body: CreateProbeDto): Promise<ProbeView> {
    return this.probes.request(body.note);
  }

  @Get()
  @ApiOperation({ summary: 'Recent probes, newest first' })
  @ApiOkResponse({ type: ProbePageDto })
  list(@Query() query: PageQueryDto): Promise<Page<ProbeView>> {
    return this.probes.list(query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProbeDto })
  @ApiNotFoundResponse({ description: 'No such probe' })
  get(@Param('id', uuid) id: string): Promise<ProbeView> {
    return this.probes.get(id);
  }
}

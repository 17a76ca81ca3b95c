import { Controller, Get, HttpStatus, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LivenessReport, ReadinessReport } from '@consortio/shared/contracts';
import { Policies, Policy } from '@consortio/api/platform/auth';
import { ReadinessService } from './readiness.service';

/** Orchestrator probes, outside the versioned API: `/api/health/live` and `/api/health/ready`. */
@ApiTags('health')
@Policy(Policies.public)
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is running (restart it if this fails)' })
  @ApiOkResponse({ description: 'Alive' })
  live(): LivenessReport {
    return { status: 'ok', uptimeSeconds: this.readiness.uptimeSeconds };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer (send traffic only while this is 200)' })
  @ApiOkResponse({ description: 'Ready' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down or the instance is draining' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Cache-Control', 'no-store');
    return report;
  }
}

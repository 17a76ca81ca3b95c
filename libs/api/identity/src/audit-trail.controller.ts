import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEventView, AuditVerification, Page } from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import { Policies, Policy } from '@consortio/api/platform/auth';
import { PageQueryDto } from '@consortio/api/platform/http';

@ApiTags('audit')
@Controller('audit-events')
export class AuditTrailController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'The whole platform audit trail, newest first' })
  list(@Query() query: PageQueryDto): Promise<Page<AuditEventView>> {
    return this.audit.list(null, query.page, query.pageSize);
  }

  @Get('verification')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Recompute the hash chain and report the first event that does not match' })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policies, Policy } from './policy';
import { type DeclaredOperation, PolicyCoverage } from './policy-coverage';

/** For operators and auditors: which policy guards every route and socket event of this build. */
@ApiTags('platform')
@Controller('access-policies')
export class AccessPoliciesController {
  constructor(private readonly coverage: PolicyCoverage) {}

  @Get()
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Every HTTP operation and socket event with the access policy it declares' })
  list(): DeclaredOperation[] {
    return this.coverage.operations();
  }
}
